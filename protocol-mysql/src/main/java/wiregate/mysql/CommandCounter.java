package wiregate.mysql;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import wiregate.core.metrics.CommandMetrics;
import wiregate.mysql.codec.CommandCode;
import wiregate.mysql.codec.MySqlPacket;

/**
 * Counts the commands that run SQL as they arrive, without touching the command phase: a packet
 * with sequence id 0 starts a command (login packets never have id 0), and its first byte says which.
 */
final class CommandCounter extends ChannelInboundHandlerAdapter {
  private final CommandMetrics metrics;

  CommandCounter(CommandMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof MySqlPacket packet && packet.sequenceId() == 0 && packet.length() > 0) {
      switch (packet.firstByte()) {
        case CommandCode.QUERY -> metrics.count("query");
        case CommandCode.STMT_EXECUTE -> metrics.count("stmt_execute");
        default -> { }
      }
    }
    ctx.fireChannelRead(msg);
  }
}
