package wiregate.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import wiregate.core.ingress.ConnectionInfo;
import wiregate.core.ingress.ProtocolFrontend;
import wiregate.core.session.ChannelOutput;
import wiregate.core.session.SerialCommandExecutor;
import wiregate.core.session.WritabilityListener;
import wiregate.mysql.auth.Scrambles;
import wiregate.mysql.codec.PacketChannel;
import wiregate.mysql.codec.PacketDecoder;
import wiregate.mysql.codec.PacketSequence;

/**
 * The MySQL protocol v10. The server speaks first, so its clients cannot be recognised by their
 * first bytes: ingress hands it the connections whose client stays silent. No ALPN id: MySQL clients
 * negotiate TLS inside the protocol (SSLRequest).
 */
public final class MySqlFrontend implements ProtocolFrontend {
  private final MySqlServices services;
  private final SecureRandom random = new SecureRandom();
  /** The greeting's connection id, unique within this gateway process (wraps after 2^31). */
  private final AtomicInteger connectionIds = new AtomicInteger();

  public MySqlFrontend(MySqlServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "mysql";
  }

  @Override
  public Detection detect(ByteBuf firstBytes) {
    return Detection.NO_MATCH;
  }

  @Override
  public boolean serverSpeaksFirst() {
    return true;
  }

  @Override
  public void install(Channel channel, ConnectionInfo connection) {
    ChannelOutput output = new ChannelOutput(channel);
    SerialCommandExecutor commands = new SerialCommandExecutor(channel, services.workers());
    PacketSequence sequence = new PacketSequence();
    int id = connectionIds.updateAndGet(n -> n == Integer.MAX_VALUE ? 1 : n + 1);
    MySqlConnection mysql = new MySqlConnection(services, connection, new PacketChannel(channel, output, sequence),
        Scrambles.generate(random), id);
    channel.pipeline().addLast(MySqlConnectionHandler.FRAMES, new PacketDecoder(services.maxPacketSize(), 1));
    channel.pipeline().addLast("mysql-writability", new WritabilityListener(output));
    channel.pipeline().addLast("mysql-connection", new MySqlConnectionHandler(services, mysql, commands, sequence));
  }
}
