package wiregate.engine.postgres;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of engine tests on a real embedded PostgreSQL, started once per test class, with an engine
 * that fetches {@link #BATCH} rows at a time (so that results outgrow a batch cheaply).
 */
abstract class OnEmbeddedEngine {
  static final int BATCH = 10;

  @TempDir static Path tmp;
  static EmbeddedEngine postgres;
  static PostgresEngine engine;

  @BeforeAll
  static void startEngine() throws Exception {
    postgres = EmbeddedEngine.start(tmp);
    engine = postgres.engine(BATCH);
  }

  @AfterAll
  static void stopEngine() {
    if (engine != null) {
      engine.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }
}
