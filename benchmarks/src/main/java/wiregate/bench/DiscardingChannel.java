package wiregate.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import wiregate.core.session.ChannelOutput;

/**
 * A channel with the gateway's {@code ChannelOutput} writing batches into it: each write is counted
 * and released at once, so a benchmark can stream rows for as long as it runs without queueing them,
 * and the channel is always writable (no back-pressure waits in the measurement).
 */
final class DiscardingChannel extends EmbeddedChannel {
  private final ByteCounter counter;
  private final ChannelOutput output;

  private DiscardingChannel(ByteCounter counter) {
    super(counter);
    this.counter = counter;
    this.output = new ChannelOutput(this);
  }

  static DiscardingChannel open() {
    return new DiscardingChannel(new ByteCounter());
  }

  /** The output a row writer under benchmark writes to. */
  ChannelOutput output() {
    return output;
  }

  /** Bytes written to the channel so far. */
  long bytesWritten() {
    return counter.bytes;
  }

  /** Writes out what the output still batches (for the smoke test's byte count). */
  void flushOutput() {
    output.flush();
  }

  /** A benchmark's tear-down: drops what is batched and releases everything. */
  void discardAll() {
    output.discard();
    finishAndReleaseAll();
  }

  private static final class ByteCounter extends ChannelOutboundHandlerAdapter {
    private long bytes;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (msg instanceof ByteBuf buf) {
        bytes += buf.readableBytes();
      }
      ReferenceCountUtil.release(msg);
      promise.setSuccess();
    }
  }
}
