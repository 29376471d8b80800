package wiregate.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.Set;
import wiregate.core.ingress.ConnectionInfo;
import wiregate.core.ingress.ProtocolFrontend;
import wiregate.core.session.ChannelOutput;
import wiregate.core.session.SerialCommandExecutor;
import wiregate.core.session.WritabilityListener;
import wiregate.pgwire.codec.MessageDecoder;
import wiregate.pgwire.codec.StartupDecoder;

/** The PostgreSQL v3 protocol: recognised by its first packet, installed as decoder + connection handler. */
public final class PostgresFrontend implements ProtocolFrontend {
  private final PgServices services;

  public PostgresFrontend(PgServices services) {
    this.services = services;
  }

  @Override
  public String name() {
    return "postgres";
  }

  /** The first packet is an Int32 length and an Int32 code: 3.x, or SSL/GSSENC/cancel request codes. */
  @Override
  public Detection detect(ByteBuf in) {
    if (in.readableBytes() < 8) {
      return Detection.NEED_MORE;
    }
    int length = in.getInt(in.readerIndex());
    int code = in.getInt(in.readerIndex() + 4);
    boolean special = code == StartupDecoder.SSL_REQUEST_CODE || code == StartupDecoder.GSSENC_REQUEST_CODE
        || code == StartupDecoder.CANCEL_REQUEST_CODE;
    boolean startup = (code >>> 16) >= 1 && (code >>> 16) <= 3;
    return length >= 8 && length <= 10_000 && (special || startup) ? Detection.MATCH : Detection.NO_MATCH;
  }

  @Override
  public Set<String> alpnProtocols() {
    return Set.of("postgresql");
  }

  @Override
  public void install(Channel channel, ConnectionInfo connection) {
    ChannelOutput output = new ChannelOutput(channel);
    SerialCommandExecutor commands = new SerialCommandExecutor(channel, services.workers());
    PgSession session = new PgSession(services, connection, channel, output, commands);
    channel.pipeline().addLast("pg-startup",
        new StartupDecoder(() -> new MessageDecoder(services.maxMessageSize(), session::charset)));
    channel.pipeline().addLast("pg-commands-counted", new CommandCounter(services.metrics()));
    channel.pipeline().addLast("pg-writability", new WritabilityListener(output));
    channel.pipeline().addLast("pg-connection", new PgConnectionHandler(services, session, commands));
  }
}
