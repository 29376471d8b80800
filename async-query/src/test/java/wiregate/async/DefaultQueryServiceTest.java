package wiregate.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wiregate.core.async.AsyncQueryException;
import wiregate.core.async.AsyncQueryException.Problem;
import wiregate.core.async.QueryEvent;
import wiregate.core.async.QueryInfo;
import wiregate.core.async.QueryRequest;
import wiregate.core.async.QueryState;
import wiregate.core.async.QueryStats;
import wiregate.core.async.ResultFormat;
import wiregate.engine.async.PooledQueryDatabases;

/** The service's behaviour on the real embedded engine: limits, stop, idempotency, ownership, expiry, events. */
class DefaultQueryServiceTest {
  private static final String USER = ServiceFixture.USER;
  private static PooledQueryDatabases databases;
  private ServiceFixture fixture;
  private DefaultQueryService service;

  @BeforeAll
  static void startEngine() throws Exception {
    databases = TestEngine.get().databases(Map.of());
  }

  @AfterAll
  static void closePools() {
    databases.close();
  }

  @BeforeEach
  void startService(@TempDir Path results) throws Exception {
    fixture = new ServiceFixture(databases, results, 2, 3);
    service = fixture.service;
  }

  @AfterEach
  void stopService() {
    fixture.close();
  }

  private static QueryRequest jsonl(String sql) {
    return ServiceFixture.request(sql, ResultFormat.JSONL);
  }

  private static QueryRequest withLimits(String sql, Long timeoutMs, Long maxRows) {
    return new QueryRequest("default", sql, List.of(), ResultFormat.JSONL, false, timeoutMs, maxRows);
  }

  @Test
  void runsAQueryAndRecordsItsStats() throws Exception {
    QueryInfo submitted = fixture.submit(jsonl("SELECT n FROM generate_series(1, 250) n"));
    assertEquals(QueryState.PENDING, submitted.state());
    assertTrue(QueryIds.isWellFormed(submitted.id()), submitted.id());
    assertEquals(USER, submitted.user());
    QueryInfo done = service.get(USER, submitted.id(), Duration.ofSeconds(30));
    assertEquals(QueryState.SUCCEEDED, done.state(), () -> String.valueOf(done.error()));
    assertTrue(done.startedAt() != null && done.finishedAt() != null);
    QueryStats stats = service.stats(USER, done.id());
    assertEquals(250, stats.rows());
    assertEquals(Files.size(fixture.results.resolve(done.id() + ".jsonl")), stats.bytes());
    assertFalse(stats.truncated());
    assertTrue(stats.queuedMillis() >= 0 && stats.runMillis() >= 0);
    String[] lines = fixture.resultText(done.id()).split("\n");
    assertEquals("{\"n\":1}", lines[0]);
    assertEquals("{\"n\":250}", lines[249]);
    assertEquals("application/x-ndjson", service.result(USER, done.id()).format().contentType());
  }

  @Test
  void bindsParametersInOrder() throws Exception {
    QueryRequest request = new QueryRequest("default",
        "SELECT n FROM generate_series(1, 5) n WHERE n > ? AND ? = 'x' ORDER BY n", List.of(3L, "x"),
        ResultFormat.CSV, false, null, null);
    QueryInfo done = fixture.run(request);
    assertEquals(QueryState.SUCCEEDED, done.state(), () -> String.valueOf(done.error()));
    assertEquals("n\r\n4\r\n5\r\n", fixture.resultText(done.id()));
  }

  @Test
  void statementsWithoutRowsReportTheirUpdateCount() throws Exception {
    QueryInfo done = fixture.run(jsonl("CREATE TEMPORARY TABLE IF NOT EXISTS nothing (n int)"));
    assertEquals(QueryState.SUCCEEDED, done.state(), () -> String.valueOf(done.error()));
    assertEquals("{\"update_count\":0}\n", fixture.resultText(done.id()));
  }

  @Test
  void engineErrorsFailWithTheirSqlState() throws Exception {
    QueryInfo done = fixture.run(jsonl("SELECT * FROM no_such_table"));
    assertEquals(QueryState.FAILED, done.state());
    assertEquals("42P01", done.error().code());
    assertTrue(done.error().message().contains("no_such_table"), done.error().message());
    AsyncQueryException e = assertThrows(AsyncQueryException.class, () -> service.result(USER, done.id()));
    assertEquals(Problem.RESULT_NOT_READY, e.problem());
  }

  @Test
  void maxRowsStopsTheResultAndSaysSo() throws Exception {
    QueryInfo cut = fixture.run(withLimits("SELECT n FROM generate_series(1, 100000) n", null, 10L));
    assertEquals(QueryState.SUCCEEDED, cut.state());
    assertEquals(10, fixture.resultText(cut.id()).split("\n").length);
    QueryStats stats = service.stats(USER, cut.id());
    assertEquals(10, stats.rows());
    assertTrue(stats.truncated());

    QueryInfo exact = fixture.run(withLimits("SELECT n FROM generate_series(1, 10) n", null, 10L));
    assertFalse(service.stats(USER, exact.id()).truncated(), "exactly max_rows rows is not truncated");
  }

  @Test
  void timeoutCancelsTheStatementOnTheEngine() throws Exception {
    long start = System.nanoTime();
    QueryInfo done = fixture.run(withLimits("SELECT pg_sleep(30) /* timeout-test */", 300L, null));
    assertEquals(QueryState.FAILED, done.state());
    assertEquals("TIMEOUT", done.error().code());
    assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 10, "cancelled, not waited out");
    awaitTrue(() -> activeBackends("timeout-test") == 0, "the backend no longer runs it");
  }

  @Test
  void stopCancelsARunningStatementOnTheEngine() throws Exception {
    QueryInfo submitted = fixture.submit(jsonl("SELECT pg_sleep(30) /* stop-test */"));
    awaitTrue(() -> activeBackends("stop-test") == 1, "the sleep runs on the engine");
    assertEquals(QueryState.RUNNING, service.get(USER, submitted.id(), Duration.ZERO).state());
    QueryInfo stopped = service.stop(USER, submitted.id());
    assertEquals(QueryState.CANCELED, stopped.state());
    assertEquals("CANCELED", stopped.error().code());
    awaitTrue(() -> activeBackends("stop-test") == 0, "the backend no longer runs it");
    assertEquals(QueryState.CANCELED, service.stop(USER, submitted.id()).state(), "stopping again changes nothing");
  }

  @Test
  void aStoppedPendingQueryNeverRuns() throws Exception {
    try (Connection c = TestEngine.get().connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS pending_marker (n int)");
      s.execute("TRUNCATE pending_marker");
    }
    QueryInfo first = fixture.submit(jsonl("SELECT pg_sleep(30) /* pending-test */"));
    QueryInfo second = fixture.submit(jsonl("SELECT pg_sleep(30) /* pending-test */"));
    QueryInfo third = fixture.submit(jsonl("INSERT INTO pending_marker VALUES (1)"));
    awaitTrue(() -> activeBackends("pending-test") == 2, "both slots are busy");
    assertEquals(QueryState.PENDING, service.get(USER, third.id(), Duration.ZERO).state());
    assertEquals(3, service.inFlightCount());
    QueryInfo stopped = service.stop(USER, third.id());
    assertEquals(QueryState.CANCELED, stopped.state());
    assertNull(stopped.startedAt());
    service.stop(USER, first.id());
    service.stop(USER, second.id());
    assertTrue(service.awaitIdle(Duration.ofSeconds(10)));
    assertNull(service.get(USER, third.id(), Duration.ZERO).startedAt());
    try (Connection c = TestEngine.get().connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM pending_marker")) {
      rs.next();
      assertEquals(0, rs.getInt(1), "the stopped INSERT never ran");
    }
  }

  @Test
  void aFullQueueRefusesNewQueries() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ids.add(fixture.submit(jsonl("SELECT pg_sleep(30) /* queue-test */")).id());
    }
    awaitTrue(() -> activeBackends("queue-test") == 2, "two run");
    for (int i = 0; i < 3; i++) { // max-queued is 3
      ids.add(fixture.submit(jsonl("SELECT pg_sleep(30) /* queue-test */")).id());
    }
    AsyncQueryException e = assertThrows(AsyncQueryException.class,
        () -> fixture.submit(jsonl("SELECT 1")));
    assertEquals(Problem.UNAVAILABLE, e.problem());
    for (String id : ids) {
      service.stop(USER, id);
    }
    assertTrue(service.awaitIdle(Duration.ofSeconds(10)));
    assertEquals(0, service.inFlightCount());
  }

  @Test
  void withoutAQueueAFreeSlotStillTakesAQuery(@TempDir Path results) throws Exception {
    try (ServiceFixture noQueue = new ServiceFixture(databases, results, 1, 0)) {
      QueryInfo sleeper = noQueue.submit(jsonl("SELECT pg_sleep(30) /* no-queue-test */"));
      AsyncQueryException e = assertThrows(AsyncQueryException.class, () -> noQueue.submit(jsonl("SELECT 1")));
      assertEquals(Problem.UNAVAILABLE, e.problem());
      noQueue.service.stop(USER, sleeper.id());
      assertTrue(noQueue.service.awaitIdle(Duration.ofSeconds(10)));
      assertEquals(QueryState.SUCCEEDED, noQueue.run(jsonl("SELECT 1")).state());
    }
  }

  @Test
  void sameIdempotencyKeyGivesOneQueryRunOnce() throws Exception {
    try (Connection c = TestEngine.get().connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS idem_runs (n int)");
      s.execute("TRUNCATE idem_runs");
    }
    QueryRequest insert = jsonl("INSERT INTO idem_runs VALUES (1) RETURNING n");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> racers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      racers.add(pool.submit(() -> {
        go.await();
        return service.submit(USER, insert, Optional.of("key-1")).id();
      }));
    }
    go.countDown();
    Set<String> ids = new HashSet<>();
    for (Future<String> racer : racers) {
      ids.add(racer.get(30, TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertEquals(1, ids.size(), "one id for all: " + ids);
    String id = ids.iterator().next();
    assertEquals(QueryState.SUCCEEDED, service.get(USER, id, Duration.ofSeconds(30)).state());
    assertEquals(id, service.submit(USER, insert, Optional.of("key-1")).id(), "later repeats too");
    assertTrue(service.awaitIdle(Duration.ofSeconds(10)));
    try (Connection c = TestEngine.get().connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM idem_runs")) {
      rs.next();
      assertEquals(1, rs.getInt(1), "executed once");
    }
    String bobs = service.submit("bob", insert, Optional.of("key-1")).id();
    assertNotEquals(id, bobs, "keys are per user");
    service.get("bob", bobs, Duration.ofSeconds(30));
  }

  @Test
  void anotherUsersQueryIsNotFound() throws Exception {
    QueryInfo done = fixture.run(jsonl("SELECT 1 AS one"));
    List<ThrowingCall> calls = List.of(
        () -> service.get("mallory", done.id(), Duration.ZERO),
        () -> service.stop("mallory", done.id()),
        () -> service.stats("mallory", done.id()),
        () -> service.result("mallory", done.id()),
        () -> service.subscribe("mallory", done.id(), event -> {}),
        () -> service.get(USER, "not-an-id", Duration.ZERO),
        () -> service.get(USER, new QueryIds(new java.security.SecureRandom()).next(), Duration.ZERO));
    for (ThrowingCall call : calls) {
      AsyncQueryException e = assertThrows(AsyncQueryException.class, call::run);
      assertEquals(Problem.NOT_FOUND, e.problem());
    }
    assertEquals(QueryState.SUCCEEDED, service.get(USER, done.id(), Duration.ZERO).state());
  }

  private interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void badRequestsAreRefusedBeforeAnythingRuns() {
    Map<QueryRequest, Problem> cases = Map.of(
        new QueryRequest("nope", "SELECT 1", List.of(), ResultFormat.JSONL, false, null, null), Problem.UNKNOWN_DATABASE,
        new QueryRequest("default", "  ", List.of(), ResultFormat.JSONL, false, null, null), Problem.INVALID_REQUEST,
        new QueryRequest("default", "SELECT 1", List.of(), ResultFormat.JSONL, false, -1L, null), Problem.INVALID_REQUEST,
        new QueryRequest("default", "SELECT 1", List.of(), ResultFormat.JSONL, false, null, -5L), Problem.INVALID_REQUEST,
        new QueryRequest("default", "SELECT ?", List.of(List.of(1)), ResultFormat.JSONL, false, null, null),
        Problem.INVALID_REQUEST);
    cases.forEach((request, problem) -> {
      AsyncQueryException e = assertThrows(AsyncQueryException.class, () -> fixture.submit(request));
      assertEquals(problem, e.problem(), request.toString());
    });
    AsyncQueryException e = assertThrows(AsyncQueryException.class,
        () -> service.submit(USER, jsonl("SELECT 1"), Optional.of("")));
    assertEquals(Problem.INVALID_REQUEST, e.problem());
    assertEquals(0, service.inFlightCount());
  }

  @Test
  void afterTheTtlAQueryExpiresAndItsFileIsDeleted() throws Exception {
    QueryInfo done = fixture.run(ServiceFixture.request("SELECT 1 AS one", ResultFormat.CSV));
    Path file = fixture.results.resolve(done.id() + ".csv");
    assertTrue(Files.exists(file));
    service.sweeper().sweep();
    assertEquals(QueryState.SUCCEEDED, service.get(USER, done.id(), Duration.ZERO).state(), "not before the TTL");

    fixture.clock.advance(ServiceFixture.TTL.plusSeconds(1));
    service.sweeper().sweep();
    assertEquals(QueryState.EXPIRED, service.get(USER, done.id(), Duration.ZERO).state());
    assertFalse(Files.exists(file), "the result file is deleted");
    AsyncQueryException e = assertThrows(AsyncQueryException.class, () -> service.result(USER, done.id()));
    assertEquals(Problem.EXPIRED, e.problem());

    fixture.clock.advance(ServiceFixture.TTL);
    service.sweeper().sweep();
    e = assertThrows(AsyncQueryException.class, () -> service.get(USER, done.id(), Duration.ZERO));
    assertEquals(Problem.NOT_FOUND, e.problem(), "forgotten one TTL after it expired");
  }

  @Test
  void subscribersSeeEveryEventInOrder() throws Exception {
    List<QueryEvent> live = new CopyOnWriteArrayList<>();
    CountDownLatch ended = new CountDownLatch(1);
    QueryInfo submitted = fixture.submit(jsonl("SELECT pg_sleep(0.2)"));
    try (AutoCloseable subscription = service.subscribe(USER, submitted.id(), event -> {
      live.add(event);
      if (event.state().isTerminal()) {
        ended.countDown();
      }
    })) {
      assertTrue(ended.await(30, TimeUnit.SECONDS));
    }
    assertEvents(live);

    List<QueryEvent> late = new CopyOnWriteArrayList<>();
    CountDownLatch replayed = new CountDownLatch(3);
    try (AutoCloseable subscription = service.subscribe(USER, submitted.id(), event -> {
      late.add(event);
      replayed.countDown();
    })) {
      assertTrue(replayed.await(10, TimeUnit.SECONDS), "a late subscriber gets the history");
    }
    assertEvents(late);
  }

  private static void assertEvents(List<QueryEvent> events) {
    assertEquals(List.of(QueryState.PENDING, QueryState.RUNNING, QueryState.SUCCEEDED),
        events.stream().map(QueryEvent::state).toList());
    assertEquals(List.of(1L, 2L, 3L), events.stream().map(QueryEvent::sequence).toList());
  }

  /** Backends running a statement that contains {@code marker}, other than the one asking. */
  private static int activeBackends(String marker) throws Exception {
    try (Connection c = TestEngine.get().connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
            + " AND pid <> pg_backend_pid() AND query LIKE '%" + marker + "%'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void awaitTrue(Condition condition, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(50);
    }
  }
}
