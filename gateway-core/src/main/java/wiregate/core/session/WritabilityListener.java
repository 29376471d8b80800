package wiregate.core.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Wakes a producer waiting in {@link ChannelOutput} when the channel drains or closes. */
public final class WritabilityListener extends ChannelInboundHandlerAdapter {
  private final ChannelOutput output;

  public WritabilityListener(ChannelOutput output) {
    this.output = output;
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    output.writabilityChanged();
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    output.writabilityChanged();
    super.channelInactive(ctx);
  }
}
