package wiregate.async.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import wiregate.core.async.QueryError;
import wiregate.core.async.QueryEvent;
import wiregate.core.async.QueryRequest;
import wiregate.core.async.QueryState;
import wiregate.core.async.ResultFormat;

/**
 * What every metadata store promises, run against each implementation: compare-and-set state
 * changes with one event each, events in order to subscribers, idempotency keys held by the first
 * claim, cancel requests reaching the owner, and the owner bookkeeping the reaper relies on.
 */
@SuppressWarnings("try") // subscriptions are held open by try blocks that never name them
abstract class MetadataStoreContract {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration TTL = Duration.ofHours(1);

  MetadataStore store;

  /** A fresh, empty store. */
  abstract MetadataStore newStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  static QueryRequest request() {
    return new QueryRequest("default", "SELECT 1", List.of(), ResultFormat.JSONL, false, null, null);
  }

  QueryRecord created(String id) {
    return created(id, "me");
  }

  QueryRecord created(String id, String owner) {
    QueryRecord record = QueryRecord.pending(id, "alice", request(), owner, T0, TTL);
    store.create(record);
    return record;
  }

  @Test
  void aRecordReadsBackAsWritten() {
    QueryRequest request = new QueryRequest("db2", "SELECT $1, $2", Arrays.asList("x", 7L, new BigDecimal("1.50"),
        new BigInteger("123456789012345678901234567890"), 2.5d, true, null), ResultFormat.PARQUET, true, 1500L, 10L);
    QueryRecord record = QueryRecord.pending("q1", "bob:x", request, "gw-1", T0.plusNanos(123_456_789), TTL);
    store.create(record);
    assertEquals(record, store.get("q1").orElseThrow());
    assertEquals(List.of(new QueryEvent("q1", 1, QueryState.PENDING, record.createdAt(), null)), store.events("q1"));
    assertTrue(store.get("nope").isEmpty());
    assertThrows(IllegalStateException.class, () -> store.create(record), "an id is used once");
  }

  @Test
  void transitionsAreCompareAndSetOnTheState() {
    created("q1");
    assertTrue(store.transition("q1", EnumSet.of(QueryState.RUNNING), StateChange.to(QueryState.SUCCEEDED, T0))
        .isEmpty(), "not from PENDING");
    QueryRecord running = store.transition("q1", EnumSet.of(QueryState.PENDING),
        StateChange.to(QueryState.RUNNING, T0.plusSeconds(1))).orElseThrow();
    assertEquals(2, running.sequence());
    assertEquals(T0.plusSeconds(1), running.startedAt());
    QueryRecord done = store.transition("q1", EnumSet.of(QueryState.RUNNING),
        StateChange.to(QueryState.SUCCEEDED, T0.plusSeconds(3))).orElseThrow();
    assertEquals(3, done.sequence());
    assertEquals(2000, done.stats(T0.plusSeconds(9)).runMillis());
    assertEquals(1000, done.stats(T0.plusSeconds(9)).queuedMillis());
    assertEquals(List.of(1L, 2L, 3L), store.events("q1").stream().map(QueryEvent::sequence).toList());
    assertEquals(done, store.get("q1").orElseThrow());
    assertTrue(store.transition("missing", EnumSet.allOf(QueryState.class), StateChange.to(QueryState.FAILED, T0))
        .isEmpty());
  }

  @Test
  void ofRacingTransitionsExactlyOneWins() throws Exception {
    created("q1");
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Optional<QueryRecord>>> attempts = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        QueryError error = new QueryError("X" + i, "attempt " + i);
        attempts.add(threads.submit(() -> {
          go.await();
          return store.transition("q1", EnumSet.of(QueryState.PENDING, QueryState.RUNNING),
              new StateChange(QueryState.FAILED, T0, error));
        }));
      }
      go.countDown();
      int won = 0;
      for (Future<Optional<QueryRecord>> attempt : attempts) {
        won += attempt.get(10, TimeUnit.SECONDS).isPresent() ? 1 : 0;
      }
      assertEquals(1, won);
      assertEquals(2, store.events("q1").size(), "one event for the one change");
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void errorsAndProgressAreKept() {
    created("q1");
    store.transition("q1", EnumSet.of(QueryState.PENDING), StateChange.to(QueryState.RUNNING, T0));
    store.progress("q1", 10, 200, false);
    store.progress("missing", 1, 1, false);
    assertTrue(store.get("missing").isEmpty(), "progress never creates a record");
    QueryError error = new QueryError("57014", "canceling statement due to user request");
    QueryRecord failed = store.transition("q1", EnumSet.of(QueryState.RUNNING),
        new StateChange(QueryState.FAILED, T0.plusSeconds(2), error)).orElseThrow();
    assertEquals(error, failed.error());
    assertEquals(10, failed.rows());
    assertEquals(200, failed.bytes());
    assertEquals(error, store.events("q1").getLast().error());
    assertEquals(T0.plusSeconds(2), store.get("q1").orElseThrow().finishedAt());
  }

  @Test
  void anIdempotencyKeyIsHeldByTheFirstClaim() {
    created("q1");
    assertEquals("q1", store.claimIdempotencyKey("alice", "k", "q1", Duration.ofHours(1)));
    assertEquals("q1", store.claimIdempotencyKey("alice", "k", "q2", Duration.ofHours(1)));
    assertEquals("q3", store.claimIdempotencyKey("bob", "k", "q3", Duration.ofHours(1)), "per user");
    store.remove("q1");
    assertEquals("q4", store.claimIdempotencyKey("alice", "k", "q4", Duration.ofHours(1)), "freed with its query");
  }

  @Test
  void ofRacingClaimsExactlyOneWins() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> claims = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String id = "q" + i;
        created(id);
        claims.add(threads.submit(() -> {
          go.await();
          return store.claimIdempotencyKey("alice", "same", id, TTL);
        }));
      }
      go.countDown();
      Set<String> holders = new java.util.HashSet<>();
      for (Future<String> claim : claims) {
        holders.add(claim.get(10, TimeUnit.SECONDS));
      }
      assertEquals(1, holders.size(), "every claim names the same holder: " + holders);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void subscribersGetEventsInOrder() throws Exception {
    created("q1");
    List<QueryEvent> seen = new CopyOnWriteArrayList<>();
    CountDownLatch two = new CountDownLatch(2);
    try (AutoCloseable subscription = store.subscribe("q1", event -> {
      seen.add(event);
      two.countDown();
    })) {
      store.transition("q1", EnumSet.of(QueryState.PENDING), StateChange.to(QueryState.RUNNING, T0));
      store.transition("q1", EnumSet.of(QueryState.RUNNING), new StateChange(QueryState.CANCELED, T0.plusSeconds(1),
          new QueryError("CANCELED", "stopped on request")));
      assertTrue(two.await(5, TimeUnit.SECONDS));
    }
    assertEquals(List.of(QueryState.RUNNING, QueryState.CANCELED), seen.stream().map(QueryEvent::state).toList());
    assertEquals(store.events("q1").subList(1, 3), seen);
  }

  @Test
  void manyChangesReachASubscriberOnceEachInOrder() throws Exception {
    created("q1");
    List<Long> seen = new CopyOnWriteArrayList<>();
    CountDownLatch all = new CountDownLatch(50);
    try (AutoCloseable subscription = store.subscribe("q1", event -> {
      seen.add(event.sequence());
      all.countDown();
    })) {
      store.transition("q1", EnumSet.of(QueryState.PENDING), StateChange.to(QueryState.RUNNING, T0));
      for (int i = 0; i < 49; i++) {
        // RUNNING to RUNNING is no real life change, but it appends an event like any other
        store.transition("q1", EnumSet.of(QueryState.RUNNING), StateChange.to(QueryState.RUNNING, T0));
      }
      assertTrue(all.await(10, TimeUnit.SECONDS));
    }
    List<Long> expected = new ArrayList<>();
    for (long s = 2; s <= 51; s++) {
      expected.add(s);
    }
    assertEquals(expected, seen);
  }

  @Test
  void subscribingToAMissingQueryGivesNothing() throws Exception {
    List<QueryEvent> seen = new CopyOnWriteArrayList<>();
    try (AutoCloseable subscription = store.subscribe("missing", seen::add)) {
      assertTrue(seen.isEmpty());
    }
  }

  @Test
  void cancelRequestsReachTheOwnerAndMarkTheQuery() throws Exception {
    created("q1");
    created("q2", "someone-else");
    List<String> mine = new CopyOnWriteArrayList<>();
    try (AutoCloseable listening = store.onCancelRequest("me", mine::add)) {
      assertFalse(store.cancelRequested("q1"));
      store.requestCancel("me", "q1");
      store.requestCancel("someone-else", "q2");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (mine.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      Thread.sleep(100); // a wrongly routed request would arrive by now
      assertEquals(List.of("q1"), mine);
      assertTrue(store.cancelRequested("q1"));
      assertTrue(store.cancelRequested("q2"));
      assertFalse(store.cancelRequested("missing"));
    }
  }

  @Test
  void unfinishedQueriesAreListedByOwner() {
    created("q1", "gw-a");
    created("q2", "gw-a");
    created("q3", "gw-b");
    store.transition("q2", EnumSet.of(QueryState.PENDING), StateChange.to(QueryState.CANCELED, T0));
    assertEquals(List.of("q1"), store.unfinishedByOwner("gw-a").stream().map(QueryRecord::id).toList());
    assertEquals(List.of("q3"), store.unfinishedByOwner("gw-b").stream().map(QueryRecord::id).toList());
    assertTrue(store.owners().containsAll(Set.of("gw-a", "gw-b")));
    store.transition("q1", EnumSet.of(QueryState.PENDING), StateChange.to(QueryState.FAILED, T0));
    store.forgetOwner("gw-a");
    assertEquals(Set.of("gw-b"), store.owners(), "an owner with nothing unfinished is forgotten");
  }

  @Test
  void aHeartbeatKeepsAnInstanceAlive() {
    assertFalse(store.isAlive("gw-a"));
    store.heartbeat("gw-a", Duration.ofMinutes(1));
    assertTrue(store.isAlive("gw-a"));
    assertFalse(store.isAlive("gw-b"));
    created("q1", "gw-a");
    store.transition("q1", EnumSet.of(QueryState.PENDING), StateChange.to(QueryState.FAILED, T0));
    store.forgetOwner("gw-a");
    // a live instance may still be listed; nothing is lost by keeping it
    assertTrue(store.unfinishedByOwner("gw-a").isEmpty());
  }

  @Test
  void expiredQueriesAreFoundAndRemovedEntirely() {
    created("q1");
    QueryRecord later = QueryRecord.pending("q2", "alice", request(), "me", T0.plusSeconds(600), TTL);
    store.create(later);
    store.claimIdempotencyKey("alice", "k", "q1", TTL);
    assertTrue(store.expiredBy(T0.plus(TTL).minusMillis(1)).isEmpty());
    assertEquals(List.of("q1"), store.expiredBy(T0.plus(TTL)).stream().map(QueryRecord::id).toList());
    store.remove("q1");
    assertTrue(store.get("q1").isEmpty());
    assertTrue(store.events("q1").isEmpty());
    assertTrue(store.expiredBy(T0.plus(TTL)).isEmpty());
    assertTrue(store.unfinishedByOwner("me").stream().noneMatch(r -> r.id().equals("q1")));
    assertEquals("q3", store.claimIdempotencyKey("alice", "k", "q3", TTL));
  }
}
