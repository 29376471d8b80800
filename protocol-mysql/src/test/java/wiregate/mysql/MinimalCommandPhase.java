package wiregate.mysql;

import wiregate.mysql.codec.CommandCode;
import wiregate.mysql.codec.ErrPacket;
import wiregate.mysql.codec.MySqlPacket;
import wiregate.mysql.codec.OkPacket;
import wiregate.mysql.codec.PacketChannel;
import wiregate.mysql.codec.ServerStatus;

/**
 * A command phase without an engine: COM_PING answers OK, COM_QUIT closes, anything else is
 * ER_UNKNOWN_COM. Enough to prove a login works; the gateway plugs in the real one.
 */
public final class MinimalCommandPhase implements CommandPhase {
  private final PacketChannel channel;

  public MinimalCommandPhase(PacketChannel channel) {
    this.channel = channel;
  }

  @Override
  public void start(AuthenticatedClient client) {
  }

  @Override
  public void packet(MySqlPacket packet) {
    switch (packet.firstByte()) {
      case CommandCode.PING -> channel.send(OkPacket.of(ServerStatus.AUTOCOMMIT));
      case CommandCode.QUIT -> {
        channel.flushAndClose();
        return;
      }
      default -> channel.send(ErrPacket.unknownCommand());
    }
    channel.flush();
  }

  @Override
  public void userChanged(AuthenticatedClient client) {
  }

  @Override
  public void close() {
  }
}
