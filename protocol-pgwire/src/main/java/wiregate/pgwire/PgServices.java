package wiregate.pgwire;

import io.netty.handler.ssl.SslContext;
import java.util.concurrent.Executor;
import wiregate.core.engine.Engine;
import wiregate.core.engine.PgWireEngine;
import wiregate.core.lifecycle.Admission;
import wiregate.core.metrics.CommandMetrics;
import wiregate.core.model.SourceDialect;
import wiregate.core.session.CancelRegistry;
import wiregate.pgwire.auth.PgAuthenticator;

/**
 * What the PostgreSQL frontend needs from the rest of the gateway, handed in by the server module.
 * {@code sslContext} is null when TLS is off. {@code admission} decides whether a new session may
 * start (not while the gateway drains) and counts it as in flight until it closes. {@code relay} is
 * the engine's PostgreSQL v3 access when sessions are relayed (the fast path), else null.
 */
public record PgServices(
    Engine engine,
    SourceDialect dialect,
    PgAuthenticator authenticator,
    SslContext sslContext,
    CancelRegistry cancels,
    Executor workers,
    int maxMessageSize,
    Admission admission,
    CommandMetrics metrics,
    PgWireEngine relay) {}
