package wiregate.server;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import wiregate.core.config.EngineConfig;
import wiregate.core.config.GatewayConfig;
import wiregate.core.engine.Engine;
import wiregate.engine.embedded.EmbeddedPostgres;
import wiregate.engine.postgres.EngineEndpoint;
import wiregate.engine.postgres.PostgresEngine;

/** Builds the configured engine; the embedded one is started here and stopped with the engine. */
final class EngineFactory {
  private EngineFactory() {}

  /** The engine, where it is, and, for the embedded kind, the server process behind it. */
  record Started(Engine engine, EngineEndpoint endpoint, AutoCloseable process) {}

  static Started start(GatewayConfig config, MeterRegistry meters) throws Exception {
    EngineConfig engine = config.engine;
    if (engine.kind == EngineConfig.Kind.POSTGRES) {
      EngineEndpoint endpoint = new EngineEndpoint(engine.url, engine.user, engine.password);
      return new Started(new PostgresEngine(endpoint, engine, "external PostgreSQL at " + engine.url, meters), endpoint,
          null);
    }
    EmbeddedPostgres embedded = EmbeddedPostgres.start(config.engineDataDir(), engine.port, engine.runAs,
        Duration.ofMillis(engine.startupTimeoutMs));
    EngineEndpoint endpoint = new EngineEndpoint(embedded.jdbcUrl("postgres"), embedded.user(), embedded.password());
    String description = "embedded PostgreSQL " + embedded.version() + " on 127.0.0.1:" + embedded.port()
        + " (data in " + config.engineDataDir() + ")";
    return new Started(new PostgresEngine(endpoint, engine, description, meters), endpoint, embedded);
  }
}
