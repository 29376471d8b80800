package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import wiregate.core.session.ChannelOutput;

/**
 * How a connection's worker sends packets: frames them with the connection's sequence ids into the
 * batched {@link ChannelOutput}. Not thread-safe; used by the one thread running the connection's
 * current command.
 */
public final class PacketChannel {
  private final Channel channel;
  private final ChannelOutput output;
  private final PacketWriter writer;

  public PacketChannel(Channel channel, ChannelOutput output, PacketSequence sequence) {
    this.channel = channel;
    this.output = output;
    this.writer = new PacketWriter(sequence);
  }

  public PacketSequence sequence() {
    return writer.sequence();
  }

  /** Queues one message; nothing goes out before {@link #flush()} (or a full batch). */
  public void send(PacketPayload message) {
    writer.write(output.buffer(), message);
  }

  /** Starts a packet whose payload the caller writes into {@link #buffer()}; finish with {@link #endPacket}. */
  public int beginPacket() {
    return writer.begin(output.buffer());
  }

  /** The buffer the current packet's payload goes into (valid until {@link #endPacket}). */
  public ByteBuf buffer() {
    return output.buffer();
  }

  /** Finishes the packet and, if the batch is big, writes it and waits while the client is slow. */
  public void endPacket(int start) {
    writer.end(output.buffer(), start);
    output.flushIfFull();
  }

  public void flush() {
    output.flush();
  }

  /** Sends what is pending, then closes the connection. */
  public void flushAndClose() {
    output.flush();
    channel.close();
  }

  public boolean isOpen() {
    return output.isOpen();
  }

  public Channel channel() {
    return channel;
  }
}
