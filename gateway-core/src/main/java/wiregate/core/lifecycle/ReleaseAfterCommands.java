package wiregate.core.lifecycle;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import wiregate.core.session.SerialCommandExecutor;

/**
 * Ends a session's in-flight registration when its connection has closed and the commands it had
 * already sent have run: the release is queued behind them on the session's executor. Put it after
 * the protocol's connection handler, so that handler's own close work is queued first.
 */
public final class ReleaseAfterCommands extends ChannelInboundHandlerAdapter {
  private final SerialCommandExecutor commands;
  private final InFlight.Token token;

  public ReleaseAfterCommands(SerialCommandExecutor commands, InFlight.Token token) {
    this.commands = commands;
    this.token = token;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    commands.submit(token::close);
    super.channelInactive(ctx);
  }
}
