package wiregate.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * A channel for the gateway's {@code ChannelOutput} to write batches into: each write is counted and
 * released at once, so a benchmark can stream rows for as long as it runs without queueing them, and
 * the channel is always writable (no back-pressure waits in the measurement).
 */
final class DiscardingChannel extends EmbeddedChannel {
  private final ByteCounter counter;

  private DiscardingChannel(ByteCounter counter) {
    super(counter);
    this.counter = counter;
  }

  static DiscardingChannel open() {
    return new DiscardingChannel(new ByteCounter());
  }

  /** Bytes written to the channel so far. */
  long bytesWritten() {
    return counter.bytes;
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
