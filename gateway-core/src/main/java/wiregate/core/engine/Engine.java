package wiregate.core.engine;

import wiregate.core.model.GatewayException;

/** The canonical engine. Opening a session blocks: call it from a worker thread. */
public interface Engine extends AutoCloseable {
  EngineSession openSession(SessionRequest request) throws GatewayException;

  /** A line for the start-up banner, e.g. where the engine lives and its version. */
  String describe();

  /** Takes new values of the reloadable engine settings ({@code engine.fetch-size}, {@code engine.pool.*}). */
  default void reconfigure(wiregate.core.config.EngineConfig next) {}

  /**
   * The engine's PostgreSQL v3 access for relayed sessions, when it has one and relaying can keep
   * session semantics (session pool mode, a plain TCP endpoint).
   */
  default java.util.Optional<PgWireEngine> pgWire() {
    return java.util.Optional.empty();
  }

  @Override
  void close();
}
