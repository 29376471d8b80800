package wiregate.async.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import wiregate.core.async.QueryEvent;
import wiregate.core.async.QueryRequest;
import wiregate.core.async.QueryState;
import wiregate.core.async.ResultFormat;

class InMemoryMetadataStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final InMemoryMetadataStore store = new InMemoryMetadataStore(Clock.fixed(T0, ZoneOffset.UTC));

  private QueryRecord created(String id) {
    QueryRecord record = QueryRecord.pending(id, "alice",
        new QueryRequest("default", "SELECT 1", List.of(), ResultFormat.JSONL, false, null, null), "me", T0,
        Duration.ofHours(1));
    store.create(record);
    return record;
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
  }

  @Test
  void anIdempotencyKeyIsHeldByTheFirstClaim() {
    assertEquals("q1", store.claimIdempotencyKey("alice", "k", "q1", Duration.ofHours(1)));
    assertEquals("q1", store.claimIdempotencyKey("alice", "k", "q2", Duration.ofHours(1)));
    assertEquals("q3", store.claimIdempotencyKey("bob", "k", "q3", Duration.ofHours(1)), "per user");
    store.remove("q1");
    assertEquals("q4", store.claimIdempotencyKey("alice", "k", "q4", Duration.ofHours(1)), "freed with its query");
  }

  @Test
  void subscribersGetEventsInOrder() throws Exception {
    created("q1");
    List<QueryState> seen = new CopyOnWriteArrayList<>();
    CountDownLatch three = new CountDownLatch(2);
    try (AutoCloseable subscription = store.subscribe("q1", event -> {
      seen.add(event.state());
      three.countDown();
    })) {
      store.transition("q1", EnumSet.of(QueryState.PENDING), StateChange.to(QueryState.RUNNING, T0));
      store.transition("q1", EnumSet.of(QueryState.RUNNING), StateChange.to(QueryState.CANCELED, T0));
      assertTrue(three.await(5, TimeUnit.SECONDS));
    }
    assertEquals(List.of(QueryState.RUNNING, QueryState.CANCELED), seen);
  }

  @Test
  void cancelRequestsReachTheOwner() {
    List<String> mine = new CopyOnWriteArrayList<>();
    store.onCancelRequest("me", mine::add);
    store.requestCancel("me", "q1");
    store.requestCancel("someone-else", "q2");
    assertEquals(List.of("q1"), mine);
  }
}
