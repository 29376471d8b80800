package wiregate.engine.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts real PostgreSQL servers; when run as root this exercises the switch to nobody. */
class EmbeddedPostgresTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String RUN_AS = "nobody";
  private static final boolean ROOT = new UnixSystem().getUid() == 0;

  @TempDir Path tmp;
  private Path engineDir;

  @BeforeEach
  void makeTempDirReachableByTheEngineAccount() throws IOException {
    // @TempDir is owner-only; as root the engine runs as nobody, which must traverse it.
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
    engineDir = tmp.resolve("engine");
  }

  @Test
  void initializesOnceAndKeepsDataAcrossRestarts() throws Exception {
    String firstPassword;
    long firstStart = System.nanoTime();
    EmbeddedPostgres engine = EmbeddedPostgres.start(engineDir, 0, RUN_AS, TIMEOUT);
    try {
      System.out.printf("first start: %d ms%n", elapsedMs(firstStart));
      assertTrue(engine.port() > 0, "port 0 picks a real port");
      assertEquals("jdbc:postgresql://127.0.0.1:" + engine.port() + "/postgres", engine.jdbcUrl("postgres"));
      assertEquals("postgres", engine.user());
      assertEquals("17.7.0", engine.version());
      firstPassword = engine.password();
      try (Connection connection = connect(engine); Statement statement = connection.createStatement()) {
        assertEquals("1", queryOne(statement, "SELECT 1"));
        assertEquals("UTF8", queryOne(statement, "SHOW server_encoding"));
        statement.execute("CREATE TABLE survivors (name text)");
        statement.execute("INSERT INTO survivors VALUES ('row from the first run')");
      }
    } finally {
      engine.close();
    }
    engine.close(); // a second close must be harmless
    assertFalse(ProcessHandle.of(engine.pid()).map(ProcessHandle::isAlive).orElse(false), "close stops the server");

    assertEquals("rw-------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(engineDir.resolve("engine-password"))));
    assertTrue(Files.isSymbolicLink(engineDir.resolve("bin-17.7.0/lib/libicuuc.so.60")),
        "symbolic links in the archive stay links");
    if (ROOT) {
      assertEquals(EngineAccount.lookUp(RUN_AS).uid(),
          Files.getAttribute(engineDir.resolve("pgdata"), "unix:uid", LinkOption.NOFOLLOW_LINKS));
    }

    long restart = System.nanoTime();
    try (EmbeddedPostgres restarted = EmbeddedPostgres.start(engineDir, 0, RUN_AS, TIMEOUT)) {
      System.out.printf("restart: %d ms%n", elapsedMs(restart));
      assertEquals(firstPassword, restarted.password(), "the stored password is reused");
      try (Connection connection = connect(restarted); Statement statement = connection.createStatement()) {
        assertEquals("row from the first run", queryOne(statement, "SELECT name FROM survivors"));
      }
    }
  }

  @Test
  void shutsDownAServerLeftRunningByAPreviousGateway() throws Exception {
    EmbeddedPostgres abandoned = EmbeddedPostgres.start(engineDir, 0, RUN_AS, TIMEOUT);
    ProcessHandle abandonedServer = ProcessHandle.of(abandoned.pid()).orElseThrow();
    // Not closed: as if the gateway that started it had been killed.
    try (EmbeddedPostgres engine = EmbeddedPostgres.start(engineDir, 0, RUN_AS, TIMEOUT)) {
      assertFalse(abandonedServer.isAlive(), "the leftover server was shut down");
      assertNotEquals(abandoned.pid(), engine.pid());
      try (Connection connection = connect(engine); Statement statement = connection.createStatement()) {
        assertEquals("1", queryOne(statement, "SELECT 1"));
      }
    } finally {
      abandoned.close(); // its server is already gone: must not fail
    }
  }

  @Test
  void startsAfterTheServerWasKilled() throws Exception {
    try (EmbeddedPostgres killed = EmbeddedPostgres.start(engineDir, 0, RUN_AS, TIMEOUT)) {
      ProcessHandle server = ProcessHandle.of(killed.pid()).orElseThrow();
      server.destroyForcibly();
      server.onExit().get(10, TimeUnit.SECONDS);
    }
    assertTrue(Files.exists(engineDir.resolve("pgdata/postmaster.pid")), "SIGKILL leaves the pid file");
    try (EmbeddedPostgres engine = EmbeddedPostgres.start(engineDir, 0, RUN_AS, TIMEOUT);
        Connection connection = connect(engine);
        Statement statement = connection.createStatement()) {
      assertEquals("1", queryOne(statement, "SELECT 1"));
    }
  }

  @Test
  void startFailureQuotesTheEngineLog() throws Exception {
    EmbeddedPostgres.start(engineDir, 0, RUN_AS, TIMEOUT).close();
    Files.writeString(engineDir.resolve("pgdata/postgresql.conf"),
        "\nwiregate_bogus_setting = on\n", StandardOpenOption.APPEND);

    EngineStartException failure = assertThrows(EngineStartException.class,
        () -> EmbeddedPostgres.start(engineDir, 0, RUN_AS, TIMEOUT));

    assertTrue(failure.getMessage().contains("wiregate_bogus_setting"), failure.getMessage());
  }

  @Test
  void rootNamesTheFixWhenTheEngineAccountCannotReachTheDirectory() throws IOException {
    if (!ROOT) {
      return; // only a root gateway switches accounts
    }
    Path privateDir = Files.createDirectory(tmp.resolve("private"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));

    EngineStartException failure = assertThrows(EngineStartException.class,
        () -> EmbeddedPostgres.start(privateDir.resolve("engine"), 0, RUN_AS, TIMEOUT));

    assertTrue(failure.getMessage().contains("engine.data-dir"), failure.getMessage());
    assertTrue(failure.getMessage().contains("engine.run-as"), failure.getMessage());
  }

  private static Connection connect(EmbeddedPostgres engine) throws SQLException {
    return DriverManager.getConnection(engine.jdbcUrl("postgres"), engine.user(), engine.password());
  }

  private static String queryOne(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      assertTrue(rows.next());
      return rows.getString(1);
    }
  }

  private static long elapsedMs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
