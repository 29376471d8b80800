package wiregate.engine.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wiregate.core.config.EngineConfig;
import wiregate.core.engine.EnginePortal;
import wiregate.core.engine.EngineSession;
import wiregate.core.engine.Notification;
import wiregate.core.engine.ParameterValue;
import wiregate.core.engine.PreparedQuery;
import wiregate.core.engine.SessionRequest;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.core.model.Statement;
import wiregate.core.model.StatementKind;
import wiregate.core.model.TransactionStatus;
import wiregate.engine.embedded.EmbeddedPostgres;

/** The leasing rules of engine.pool-mode: transaction, on a real embedded PostgreSQL. */
class TransactionPoolModeTest {
  @TempDir static Path tmp;
  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void startEngine() throws Exception {
    // @TempDir is owner-only; as root the engine runs as nobody, which must traverse it.
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
    postgres = EmbeddedPostgres.start(tmp.resolve("engine"), 0, "nobody", Duration.ofSeconds(120));
  }

  @AfterAll
  static void stopEngine() {
    if (postgres != null) {
      postgres.close();
    }
  }

  private static PostgresEngine engine(int poolSize) {
    EngineConfig config = new EngineConfig();
    config.poolMode = EngineConfig.PoolMode.TRANSACTION;
    config.pool.size = poolSize;
    config.pool.connectionTimeoutMs = 300;
    return new PostgresEngine(new EngineEndpoint(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password()),
        config, "test", new SimpleMeterRegistry());
  }

  private static EngineSession open(PostgresEngine engine) throws GatewayException {
    return engine.openSession(new SessionRequest("postgres", "tester", Map.of("application_name", "pool-test")));
  }

  /** Runs one statement as a protocol would (then the client is idle) and returns its first value. */
  private static String value(EngineSession session, String sql) throws GatewayException {
    RecordingSink rows = new RecordingSink();
    session.execute(new Statement(sql, StatementKind.QUERY, 0, 0), rows);
    session.idle();
    return rows.values.isEmpty() ? null : rows.values.get(0);
  }

  private static void run(EngineSession session, String sql) throws GatewayException {
    session.execute(new Statement(sql, StatementKind.OTHER, 0, 0), new RecordingSink());
    session.idle();
  }

  @Test
  void twoSessionsShareOneEngineConnectionInTurn() throws Exception {
    try (PostgresEngine engine = engine(1)) {
      EngineSession a = open(engine);
      EngineSession b = open(engine); // session mode would have no connection left for b
      String pid = value(a, "select pg_backend_pid()");
      assertEquals(pid, value(b, "select pg_backend_pid()"));
      assertNotEquals(a.processId(), b.processId(), "each session has a gateway-issued id of its own");
      assertTrue(a.processId() >= 1 << 22, "never an engine pid");
      run(a, "BEGIN");
      assertEquals(TransactionStatus.IN_TRANSACTION, a.transactionStatus());
      GatewayException waited = assertThrows(GatewayException.class, () -> value(b, "select 1"));
      assertEquals("53300", waited.error().sqlState(), "b waits for a's transaction, then fails");
      assertEquals(GatewayError.ERROR, waited.error().severity(), "the statement fails, not the session");
      run(a, "COMMIT");
      assertEquals("1", value(b, "select 1"), "b goes on once a's transaction ended");
      a.close();
      b.close();
    }
  }

  @Test
  void settingsTravelWithTheirSession() throws Exception {
    try (PostgresEngine engine = engine(1)) {
      EngineSession a = open(engine);
      EngineSession b = open(engine);
      run(a, "SET work_mem = '7MB'");
      run(a, "select set_config('wg.custom', 'mine', false)");
      assertEquals("4MB", value(b, "show work_mem"), "b does not see a's setting");
      assertEquals("7MB", value(a, "show work_mem"), "a gets its setting back on the shared connection");
      assertEquals("mine", value(a, "select current_setting('wg.custom')"));
      assertEquals("pool-test", value(a, "show application_name"), "start-up settings travel too");
      run(a, "BEGIN");
      run(a, "SET work_mem = '9MB'");
      run(a, "ROLLBACK");
      assertEquals("7MB", value(a, "show work_mem"), "a rolled back SET is undone");
      run(a, "RESET ALL");
      assertEquals("4MB", value(a, "show work_mem"));
      assertEquals("4MB", value(b, "show work_mem"));
      a.close();
      b.close();
    }
  }

  @Test
  void aPreparedStatementIsPreparedAgainOnAnotherConnection() throws Exception {
    try (PostgresEngine engine = engine(2)) {
      EngineSession a = open(engine);
      EngineSession b = open(engine);
      EngineSession c = open(engine);
      run(b, "BEGIN"); // b holds one connection
      PreparedQuery query = a.prepare(new Statement("select $1::int + 1, pg_backend_pid()", StatementKind.QUERY, 0, 1),
          new int[0]);
      List<String> first = runPortal(a, query, "41");
      assertEquals("42", first.get(0));
      run(c, "BEGIN"); // c takes the connection a prepared on
      run(b, "COMMIT"); // and b's becomes the only free one
      List<String> second = runPortal(a, query, "1");
      assertEquals("2", second.get(0), "prepared again where it was missing");
      assertNotEquals(first.get(1), second.get(1), "on the other engine connection");
      run(c, "COMMIT");
      a.close();
      b.close();
      c.close();
    }
  }

  private static List<String> runPortal(EngineSession session, PreparedQuery query, String parameter)
      throws GatewayException {
    EnginePortal portal = session.bind(query,
        List.of(new ParameterValue(parameter.getBytes(StandardCharsets.UTF_8), false)), new boolean[2]);
    RecordingSink rows = new RecordingSink();
    portal.run(rows, 0);
    portal.close();
    session.endImplicitBlock(true);
    session.idle();
    return rows.values;
  }

  @Test
  void aTemporaryTablePinsTheSessionUntilDiscardAll() throws Exception {
    try (PostgresEngine engine = engine(1)) {
      EngineSession a = open(engine);
      EngineSession b = open(engine);
      run(a, "CREATE TEMP TABLE scratch (x int)");
      run(a, "INSERT INTO scratch VALUES (5)");
      GatewayException exhausted = assertThrows(GatewayException.class, () -> value(b, "select 1"));
      assertEquals("53300", exhausted.error().sqlState(), "a keeps the only connection");
      assertEquals("5", value(a, "select x from scratch"), "a's temp table is still there");
      run(a, "DISCARD ALL");
      assertEquals("1", value(b, "select 1"), "after DISCARD ALL the connection is shared again");
      a.close();
      b.close();
    }
  }

  @Test
  void listenPinsAndNotificationsArrive() throws Exception {
    try (PostgresEngine engine = engine(2)) {
      EngineSession listener = open(engine);
      EngineSession sender = open(engine);
      run(listener, "LISTEN wg_channel");
      run(sender, "NOTIFY wg_channel, 'hello'");
      run(listener, "NOTIFY wg_channel, 'self'");
      List<Notification> received = new ArrayList<>();
      for (int i = 0; i < 50 && received.size() < 2; i++) {
        received.addAll(listener.takeNotifications());
        Thread.sleep(20);
      }
      assertEquals(List.of("hello", "self"), received.stream().map(Notification::payload).toList());
      assertEquals(listener.processId(), received.get(1).processId(),
          "a session's own notification names the id its client knows");
      run(listener, "UNLISTEN *");
      assertEquals(List.of(), listener.takeNotifications(), "unpinned: nothing to poll");
      listener.close();
      sender.close();
    }
  }

  @Test
  void aCancelReachesTheStatementsOwnBackendOnly() throws Exception {
    try (PostgresEngine engine = engine(2)) {
      EngineSession slow = open(engine);
      EngineSession other = open(engine);
      java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
      CompletableFuture<String> sleeping = CompletableFuture.supplyAsync(() -> {
        try {
          return value(other, "select pg_sleep(1.5)::text || 'done'");
        } catch (GatewayException e) {
          return e.error().sqlState();
        }
      }, threads);
      CompletableFuture<String> cancelled = CompletableFuture.supplyAsync(() -> {
        try {
          return value(slow, "select pg_sleep(30)::text");
        } catch (GatewayException e) {
          return e.error().sqlState();
        }
      }, threads);
      Thread.sleep(700);
      slow.cancel();
      assertEquals("57014", cancelled.get(), "the cancelled statement ends");
      assertEquals("done", sleeping.get(), "the other session's statement is untouched");
      assertEquals("1", value(slow, "select 1"), "the session goes on, on a fresh connection");

      run(slow, "BEGIN");
      CompletableFuture<String> inTransaction = CompletableFuture.supplyAsync(() -> {
        try {
          slow.execute(new Statement("select pg_sleep(30)", StatementKind.QUERY, 0, 0), new RecordingSink());
          return "not cancelled";
        } catch (GatewayException e) {
          return e.error().sqlState();
        }
      }, threads);
      Thread.sleep(700);
      slow.cancel();
      assertEquals("57014", inTransaction.get());
      slow.idle();
      assertEquals(TransactionStatus.FAILED, slow.transactionStatus(), "the failed transaction stays the client's");
      run(slow, "ROLLBACK");
      assertEquals(TransactionStatus.IDLE, slow.transactionStatus());
      assertEquals("1", value(slow, "select 1"));
      slow.close();
      other.close();
      threads.close();
    }
  }
}
