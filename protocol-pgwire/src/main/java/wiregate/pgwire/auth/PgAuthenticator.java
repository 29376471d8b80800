package wiregate.pgwire.auth;

import java.security.SecureRandom;
import java.util.Optional;
import wiregate.core.auth.CleartextPasswordCheck;
import wiregate.core.auth.DecoyVerifiers;
import wiregate.core.auth.ScramServerExchange;
import wiregate.core.auth.UserRecord;
import wiregate.core.auth.UserStore;
import wiregate.core.config.AuthConfig;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.core.model.SqlState;

/** Chooses the PostgreSQL authentication exchange for a connection, as pg_hba.conf would. */
public final class PgAuthenticator {
  private final UserStore users;
  private final AuthConfig config;
  private final DecoyVerifiers decoys;
  private final SecureRandom random;
  private final byte[] tlsServerEndPoint;

  /**
   * @param tlsServerEndPoint the channel-binding data of the gateway's certificate (RFC 5929), or
   *     null when it has none; with it, TLS connections are offered SCRAM-SHA-256-PLUS
   */
  public PgAuthenticator(UserStore users, AuthConfig config, DecoyVerifiers decoys, SecureRandom random,
      byte[] tlsServerEndPoint) {
    this.users = users;
    this.config = config;
    this.decoys = decoys;
    this.random = random;
    this.tlsServerEndPoint = tlsServerEndPoint;
  }

  /** The exchange for this user; refuses cleartext passwords on a connection without TLS. */
  public AuthExchange exchangeFor(String userName, boolean tls) throws GatewayException {
    Optional<UserRecord> user = users.find(userName);
    return switch (config.postgresMethod) {
      case SCRAM_SHA_256 -> {
        byte[] binding = tls ? tlsServerEndPoint : null;
        yield new ScramExchange(new ScramServerExchange(userName, user, decoys, random, binding), binding != null);
      }
      case MD5 -> new Md5Exchange(userName, user, random);
      case PASSWORD -> {
        if (!tls && !config.allowCleartextWithoutTls) {
          throw new GatewayException(GatewayError.fatal(SqlState.INVALID_AUTHORIZATION,
              "cleartext password authentication requires an SSL connection")
              .withHint("Connect with sslmode=require, or set auth.allow-cleartext-without-tls: true."));
        }
        yield new CleartextExchange(userName, new CleartextPasswordCheck(users, decoys));
      }
    };
  }
}
