package wiregate.async;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import wiregate.core.config.DatabaseConfig;
import wiregate.engine.async.PooledQueryDatabases;
import wiregate.engine.embedded.EmbeddedPostgres;
import wiregate.engine.postgres.EngineEndpoint;

/**
 * One embedded PostgreSQL for all tests of this module's test JVM (starting one takes seconds),
 * stopped when the JVM exits. Its directory is under /tmp and world-traversable: as root, the
 * engine runs as nobody.
 */
final class TestEngine {
  private static TestEngine shared;

  final Path dir;
  final EmbeddedPostgres engine;
  final EngineEndpoint endpoint;

  private TestEngine(Path dir, EmbeddedPostgres engine) {
    this.dir = dir;
    this.engine = engine;
    this.endpoint = new EngineEndpoint(engine.jdbcUrl("postgres"), engine.user(), engine.password());
  }

  static synchronized TestEngine get() throws Exception {
    if (shared == null) {
      Path dir = Files.createTempDirectory(Path.of("/tmp"), "wiregate-async-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
      EmbeddedPostgres engine = EmbeddedPostgres.start(dir.resolve("engine"), 0, "nobody", Duration.ofSeconds(120));
      shared = new TestEngine(dir, engine);
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
    }
    return shared;
  }

  /** Pools for the canonical database {@code default}, plus the given extra databases. */
  PooledQueryDatabases databases(Map<String, DatabaseConfig> extra) {
    Map<String, DatabaseConfig> configs = new LinkedHashMap<>();
    configs.put("default", new DatabaseConfig());
    configs.putAll(extra);
    return PooledQueryDatabases.create(configs, endpoint);
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.user(), endpoint.password());
  }

  private void stop() {
    try {
      engine.close();
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("stopping the test engine: " + e);
    }
  }
}
