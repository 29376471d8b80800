package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;

/**
 * Frames server payloads into packets with the connection's next sequence ids. A payload of
 * 0xFFFFFF bytes or more is split into 0xFFFFFF-byte fragments followed by a shorter one (empty if
 * need be), each with its own id. {@link #begin}/{@link #end} let a caller encode a payload
 * (a row) straight into the output buffer and have the header filled in afterwards.
 */
public final class PacketWriter {
  private final PacketSequence sequence;

  public PacketWriter(PacketSequence sequence) {
    this.sequence = sequence;
  }

  public PacketSequence sequence() {
    return sequence;
  }

  /** Reserves the header of a packet whose payload the caller writes next; pass the result to {@link #end}. */
  public int begin(ByteBuf out) {
    int start = out.writerIndex();
    out.writeInt(0);
    return start;
  }

  /** Fills in the header reserved by {@link #begin}, splitting the payload if it is too long for one. */
  public void end(ByteBuf out, int start) {
    int length = out.writerIndex() - start - PacketDecoder.HEADER;
    if (length < PacketDecoder.MAX_FRAGMENT) {
      out.setMediumLE(start, length);
      out.setByte(start + 3, sequence.nextOutbound());
      return;
    }
    ByteBuf payload = out.copy(start + PacketDecoder.HEADER, length);
    try {
      out.writerIndex(start);
      write(out, payload);
    } finally {
      payload.release();
    }
  }

  /** Writes one message as one logical packet. */
  public void write(ByteBuf out, PacketPayload message) {
    int start = begin(out);
    message.encode(out);
    end(out, start);
  }

  /** Writes {@code payload} (its readable bytes, left unread) as one logical packet. */
  public void write(ByteBuf out, ByteBuf payload) {
    int offset = payload.readerIndex();
    int remaining = payload.readableBytes();
    while (true) {
      int fragment = Math.min(remaining, PacketDecoder.MAX_FRAGMENT);
      out.writeMediumLE(fragment).writeByte(sequence.nextOutbound());
      out.writeBytes(payload, offset, fragment);
      offset += fragment;
      remaining -= fragment;
      if (fragment < PacketDecoder.MAX_FRAGMENT) {
        return; // a full fragment is always followed by another, possibly empty
      }
    }
  }
}
