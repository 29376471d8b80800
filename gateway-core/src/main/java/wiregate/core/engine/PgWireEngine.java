package wiregate.core.engine;

import io.netty.channel.Channel;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import wiregate.core.model.GatewayException;

/**
 * An engine that speaks the PostgreSQL v3 protocol itself. A PostgreSQL client's session can then be
 * relayed: spliced onto an engine connection of its own, its messages passing through unchanged
 * (the relay fast path, docs/architecture.md).
 */
public interface PgWireEngine {
  /**
   * Opens and authenticates an engine connection for one client session, registered on the client
   * channel's event loop (with the same transport) so that relaying never crosses threads. Waits (blocking the caller, a worker) while the
   * database's engine connections are all in use. The future completes after the engine's
   * ReadyForQuery with a channel that does not read until the relay starts it; it fails with a
   * {@link GatewayException} whose error is FATAL.
   */
  CompletableFuture<PgWireConnection> connect(Channel client, String database, Map<String, String> settings)
      throws GatewayException;
}
