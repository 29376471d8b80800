package wiregate.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import wiregate.async.meta.InMemoryMetadataStore;
import wiregate.async.meta.QueryRecord;
import wiregate.async.meta.StateChange;
import wiregate.core.async.QueryEvent;
import wiregate.core.async.QueryRequest;
import wiregate.core.async.QueryState;
import wiregate.core.async.ResultFormat;

class OwnerReaperTest {
  private final MutableClock clock = new MutableClock();
  private final InMemoryMetadataStore store = new InMemoryMetadataStore(clock);

  private QueryRecord created(String id, String owner, boolean running) {
    QueryRecord record = QueryRecord.pending(id, "alice",
        new QueryRequest("default", "SELECT 1", List.of(), ResultFormat.JSONL, false, null, null), owner,
        clock.instant(), Duration.ofHours(1));
    store.create(record);
    if (running) {
      store.transition(id, EnumSet.of(QueryState.PENDING), StateChange.to(QueryState.RUNNING, clock.instant()));
    }
    return record;
  }

  @Test
  void queriesOfASilentOwnerFailOnceWithOwnerLost() {
    created("q1", "gw-a", true);
    created("q2", "gw-a", false);
    created("q3", "gw-b", true);
    store.heartbeat("gw-a", Duration.ofSeconds(2));
    store.heartbeat("gw-b", Duration.ofSeconds(60));
    OwnerReaper reaperOnB = new OwnerReaper(store, clock, "gw-b");
    OwnerReaper reaperOnC = new OwnerReaper(store, clock, "gw-c");
    reaperOnB.reap();
    assertEquals(QueryState.RUNNING, store.get("q1").orElseThrow().state(), "gw-a is alive");

    clock.advance(Duration.ofSeconds(3));
    reaperOnB.reap();
    reaperOnC.reap();
    QueryRecord q1 = store.get("q1").orElseThrow();
    assertEquals(QueryState.FAILED, q1.state());
    assertEquals("OWNER_LOST", q1.error().code());
    assertEquals("gateway instance gw-a stopped responding while the query ran", q1.error().message());
    assertEquals("gateway instance gw-a stopped responding before the query ran",
        store.get("q2").orElseThrow().error().message());
    assertEquals(List.of(QueryState.PENDING, QueryState.RUNNING, QueryState.FAILED),
        store.events("q1").stream().map(QueryEvent::state).toList(), "failed once, by one reaper");
    assertEquals(QueryState.RUNNING, store.get("q3").orElseThrow().state(), "gw-b still beats");
    assertTrue(!store.owners().contains("gw-a"));
  }

  @Test
  void aRestartedInstanceFailsWhatItsEarlierRunLeft() {
    created("q1", "gw-fixed", true);
    new OwnerReaper(store, clock, "gw-fixed").reapLeftovers();
    QueryRecord q1 = store.get("q1").orElseThrow();
    assertEquals(QueryState.FAILED, q1.state());
    assertEquals("gateway instance gw-fixed restarted while the query ran", q1.error().message());
  }
}
