package wiregate.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import wiregate.core.ingress.ConnectionInfo;
import wiregate.core.ingress.ProtocolFrontend;
import wiregate.core.lifecycle.Admission;
import wiregate.core.lifecycle.InFlight;
import wiregate.core.lifecycle.ReleaseAfterCommands;
import wiregate.core.metrics.CommandMetrics;
import wiregate.core.session.ChannelOutput;
import wiregate.core.session.SerialCommandExecutor;
import wiregate.core.session.WritabilityListener;
import wiregate.mysql.auth.Scrambles;
import wiregate.mysql.codec.ErrPacket;
import wiregate.mysql.codec.PacketChannel;
import wiregate.mysql.codec.PacketDecoder;
import wiregate.mysql.codec.PacketSequence;
import wiregate.mysql.codec.PacketWriter;

/**
 * The MySQL protocol v10. The server speaks first, so its clients cannot be recognised by their
 * first bytes: ingress hands it the connections whose client stays silent. No ALPN id: MySQL clients
 * negotiate TLS inside the protocol (SSLRequest).
 */
public final class MySqlFrontend implements ProtocolFrontend {
  /** What MySQL sends to a connection it cannot serve because it is shutting down. */
  static final ErrPacket SHUTTING_DOWN = new ErrPacket(1053, "08S01", "Server shutdown in progress");

  private final MySqlServices services;
  private final Admission admission;
  private final CommandMetrics metrics;
  private final SecureRandom random = new SecureRandom();
  /** The greeting's connection id, unique within this gateway process (wraps after 2^31). */
  private final AtomicInteger connectionIds = new AtomicInteger();

  public MySqlFrontend(MySqlServices services) {
    this(services, Admission.always(), CommandMetrics.unobserved("mysql"));
  }

  public MySqlFrontend(MySqlServices services, Admission admission, CommandMetrics metrics) {
    this.services = services;
    this.admission = admission;
    this.metrics = metrics;
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
    // The session counts as in flight from its greeting until its queued commands ran after close.
    InFlight.Token admitted = admission.admit(name(), channel::close).orElse(null);
    if (admitted == null) {
      refuseShuttingDown(channel);
      return;
    }
    ChannelOutput output = new ChannelOutput(channel);
    SerialCommandExecutor commands = new SerialCommandExecutor(channel, services.workers());
    PacketSequence sequence = new PacketSequence();
    int id = connectionIds.updateAndGet(n -> n == Integer.MAX_VALUE ? 1 : n + 1);
    MySqlConnection mysql = new MySqlConnection(services, connection, new PacketChannel(channel, output, sequence),
        Scrambles.generate(random), id);
    channel.pipeline().addLast(MySqlConnectionHandler.FRAMES, new PacketDecoder(services.maxPacketSize(), 1));
    channel.pipeline().addLast("mysql-writability", new WritabilityListener(output));
    channel.pipeline().addLast("mysql-commands-counted", new CommandCounter(metrics));
    channel.pipeline().addLast("mysql-connection", new MySqlConnectionHandler(services, mysql, commands, sequence));
    channel.pipeline().addLast("mysql-in-flight", new ReleaseAfterCommands(commands, admitted));
    if (!channel.isActive()) {
      admitted.close(); // closed before the pipeline was complete: no channelInactive will come
    }
  }

  /** A draining gateway answers a new connection with ERR 1053 in place of the greeting, then closes. */
  private static void refuseShuttingDown(Channel channel) {
    ByteBuf out = channel.alloc().buffer(64);
    new PacketWriter(new PacketSequence()).write(out, SHUTTING_DOWN);
    channel.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
  }
}
