package wiregate.engine.postgres;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import wiregate.core.config.EngineConfig;
import wiregate.engine.embedded.EmbeddedPostgres;

/** A real embedded PostgreSQL for engine tests, and {@link PostgresEngine}s on it. */
final class EmbeddedEngine implements AutoCloseable {
  private final EmbeddedPostgres postgres;

  private EmbeddedEngine(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts the server in {@code tmp} (a JUnit temporary directory). */
  static EmbeddedEngine start(Path tmp) throws Exception {
    // @TempDir is owner-only; as root the engine runs as nobody, which must traverse it.
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
    return new EmbeddedEngine(EmbeddedPostgres.start(tmp.resolve("engine"), 0, "nobody", Duration.ofSeconds(120)));
  }

  /** An engine in session pool mode that fetches {@code fetchSize} rows at a time. */
  PostgresEngine engine(int fetchSize) {
    EngineConfig config = new EngineConfig();
    config.fetchSize = fetchSize;
    return engine(config, "test");
  }

  PostgresEngine engine(EngineConfig config, String name) {
    return new PostgresEngine(new EngineEndpoint(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password()),
        config, name, new SimpleMeterRegistry());
  }

  @Override
  public void close() {
    postgres.close();
  }
}
