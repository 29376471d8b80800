package wiregate.pgwire;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import wiregate.core.metrics.CommandMetrics;
import wiregate.pgwire.codec.FrontendMessage;

/** Counts the messages that run SQL (Query, Execute) as they arrive, apart from the session logic. */
final class CommandCounter extends ChannelInboundHandlerAdapter {
  private final CommandMetrics metrics;

  CommandCounter(CommandMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    switch (msg) {
      case FrontendMessage.Query q -> metrics.count("query");
      case FrontendMessage.Execute e -> metrics.count("execute");
      default -> { }
    }
    ctx.fireChannelRead(msg);
  }
}
