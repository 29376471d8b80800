package wiregate.mysql;

import io.netty.handler.ssl.SslContext;
import java.util.concurrent.Executor;
import wiregate.mysql.auth.MySqlAuthenticator;

/**
 * What the MySQL frontend needs from the rest of the gateway, handed in by the server module.
 *
 * @param authenticator users, decoys, RSA keys and the caching_sha2 fast-auth cache
 *     ({@link MySqlAuthenticator#create})
 * @param sslContext the STARTTLS context, or null: TLS is off and CLIENT_SSL is not offered
 * @param workers runs each connection's handshake checks and commands (virtual threads)
 * @param maxPacketSize the largest logical client packet (max_allowed_packet, 64 MiB in MySQL 8.0)
 * @param commandPhases makes each authenticated connection's command phase
 */
public record MySqlServices(
    MySqlAuthenticator authenticator,
    SslContext sslContext,
    Executor workers,
    int maxPacketSize,
    CommandPhase.Factory commandPhases
    // command phase services: added by the lead (Engine, MySqlDialect, ...)
) {
  public static final int DEFAULT_MAX_PACKET_SIZE = 64 * 1024 * 1024;
}
