package wiregate.core.ingress;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.Set;

/**
 * A wire protocol the gateway speaks. Ingress picks a frontend for each new connection (by listener,
 * by the first bytes, or by TLS ALPN) and asks it to install its pipeline.
 */
public interface ProtocolFrontend {
  /** The listener name and config key, e.g. {@code postgres}. */
  String name();

  /** Whether the first bytes a client sent belong to this protocol; must not move the reader index. */
  Detection detect(ByteBuf firstBytes);

  /** Adds the protocol's codec and handlers at the end of the channel's pipeline. */
  void install(Channel channel, ConnectionInfo connection);

  /** ALPN protocol ids that select this frontend when a client opens with TLS. */
  default Set<String> alpnProtocols() {
    return Set.of();
  }

  /** True when the server sends the first packet (MySQL), so a silent client is this protocol's. */
  default boolean serverSpeaksFirst() {
    return false;
  }

  enum Detection {
    MATCH,
    NO_MATCH,
    NEED_MORE
  }
}
