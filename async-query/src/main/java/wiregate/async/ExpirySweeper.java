package wiregate.async;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.async.meta.MetadataStore;
import wiregate.async.meta.QueryRecord;
import wiregate.async.meta.StateChange;
import wiregate.async.store.ResultStore;
import wiregate.core.async.QueryState;

/**
 * Ends queries whose result TTL passed: whatever their state, they become EXPIRED and their
 * result file is deleted (a query still running is stopped). An EXPIRED query stays answerable
 * as such for one more TTL, then it is forgotten.
 */
public final class ExpirySweeper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);

  private final MetadataStore metadata;
  private final ResultStore results;
  private final Clock clock;
  private volatile Duration ttl;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().daemon().name("async-query-expiry").factory());

  ExpirySweeper(MetadataStore metadata, ResultStore results, Clock clock, Duration ttl) {
    this.metadata = metadata;
    this.results = results;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** A reload changed the TTL: queries keep the expiry they were given, forgetting uses the new one. */
  void ttl(Duration ttl) {
    this.ttl = ttl;
  }

  /** Sweeps every {@code interval} from now on. */
  void start(Duration interval) {
    timer.scheduleWithFixedDelay(() -> {
      try {
        sweep();
      } catch (RuntimeException e) {
        log.warn("sweeping expired queries failed: {}", e.toString());
      }
    }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One pass: expire what is due, forget what expired long ago. */
  public void sweep() {
    Instant now = clock.instant();
    for (QueryRecord query : metadata.expiredBy(now)) {
      if (query.state() == QueryState.EXPIRED) {
        if (!query.expiresAt().plus(ttl).isAfter(now)) {
          metadata.remove(query.id());
        }
        continue;
      }
      expire(query, now);
    }
  }

  private void expire(QueryRecord query, Instant now) {
    if (query.state() == QueryState.RUNNING) {
      metadata.requestCancel(query.owner(), query.id());
    }
    boolean changed = metadata.transition(query.id(), EnumSet.complementOf(EnumSet.of(QueryState.EXPIRED)),
        StateChange.to(QueryState.EXPIRED, now)).isPresent();
    if (changed) {
      try {
        results.delete(query.id(), query.request().format());
      } catch (IOException e) {
        log.warn("could not delete the expired result of query {}: {}", query.id(), e.toString());
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
