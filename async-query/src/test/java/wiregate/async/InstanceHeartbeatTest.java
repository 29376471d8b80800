package wiregate.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import wiregate.async.meta.InMemoryMetadataStore;
import wiregate.async.meta.QueryRecord;
import wiregate.async.meta.StateChange;
import wiregate.core.async.QueryRequest;
import wiregate.core.async.QueryState;
import wiregate.core.async.ResultFormat;
import wiregate.core.lifecycle.Admission;

class InstanceHeartbeatTest {
  private final MutableClock clock = new MutableClock();
  private final InMemoryMetadataStore store = new InMemoryMetadataStore(clock);
  private final Map<String, RunningQuery.StopReason> stopped = new ConcurrentHashMap<>();
  private final CountDownLatch started = new CountDownLatch(2);

  /** Work that runs until it is stopped, and remembers why it stopped. */
  private void runUntilStopped(String id, Duration timeout, RunningQuery handle) {
    started.countDown();
    while (handle.stopReason() == null) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        return;
      }
    }
    stopped.put(id, handle.stopReason());
  }

  private void running(String id) {
    store.create(QueryRecord.pending(id, "alice",
        new QueryRequest("default", "SELECT 1", List.of(), ResultFormat.JSONL, false, null, null), "me",
        clock.instant(), Duration.ofHours(1)));
    store.transition(id, EnumSet.of(QueryState.PENDING), StateChange.to(QueryState.RUNNING, clock.instant()));
  }

  @Test
  void aBeatRenewsLivenessAndStopsWhatMustNotRunOn() throws Exception {
    running("flagged");
    running("ended-elsewhere");
    try (QueryRunner runner = new QueryRunner(3, 0, Admission.always(), this::runUntilStopped)) {
      runner.enqueue("flagged", null);
      runner.enqueue("ended-elsewhere", null);
      assertTrue(started.await(5, TimeUnit.SECONDS));
      InstanceHeartbeat heartbeat = new InstanceHeartbeat(store, runner, "me", Duration.ofSeconds(5));
      heartbeat.beat();
      assertTrue(store.isAlive("me"));
      assertTrue(stopped.isEmpty(), "nothing to stop yet");

      // A cancel whose notification never arrived (nobody listens), and a query a reaper failed.
      store.requestCancel("me", "flagged");
      store.transition("ended-elsewhere", EnumSet.of(QueryState.RUNNING),
          StateChange.to(QueryState.FAILED, clock.instant()));
      heartbeat.beat();
      assertTrue(runner.awaitIdle(Duration.ofSeconds(5)));
      assertEquals(Map.of("flagged", RunningQuery.StopReason.CANCELED,
          "ended-elsewhere", RunningQuery.StopReason.CANCELED), stopped);

      clock.advance(Duration.ofSeconds(6));
      assertFalse(store.isAlive("me"), "the heartbeat lapses when not renewed");
    }
  }
}
