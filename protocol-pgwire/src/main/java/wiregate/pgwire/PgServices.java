package wiregate.pgwire;

import io.netty.handler.ssl.SslContext;
import java.util.concurrent.Executor;
import wiregate.core.engine.Engine;
import wiregate.core.model.SourceDialect;
import wiregate.core.session.CancelRegistry;
import wiregate.pgwire.auth.PgAuthenticator;

/**
 * What the PostgreSQL frontend needs from the rest of the gateway, handed in by the server module.
 * {@code sslContext} is null when TLS is off.
 */
public record PgServices(
    Engine engine,
    SourceDialect dialect,
    PgAuthenticator authenticator,
    SslContext sslContext,
    CancelRegistry cancels,
    Executor workers,
    int maxMessageSize) {}
