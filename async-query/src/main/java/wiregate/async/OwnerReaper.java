package wiregate.async;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.async.meta.MetadataStore;
import wiregate.async.meta.QueryRecord;
import wiregate.async.meta.StateChange;
import wiregate.core.async.QueryError;
import wiregate.core.async.QueryState;

/**
 * Fails the unfinished queries of gateway instances whose heartbeat lapsed: they died or lost the
 * metadata store, and nobody else will finish their queries. Every instance reaps; the state change
 * is compare-and-set, so each query fails once, with code {@code OWNER_LOST}. A query is failed at
 * most one owner timeout plus one reap interval after its owner's last heartbeat.
 */
final class OwnerReaper implements AutoCloseable {
  static final String OWNER_LOST = "OWNER_LOST";
  private static final Logger log = LoggerFactory.getLogger(OwnerReaper.class);

  private final MetadataStore metadata;
  private final Clock clock;
  private final String instanceId;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().daemon().name("async-query-reaper").factory());

  OwnerReaper(MetadataStore metadata, Clock clock, String instanceId) {
    this.metadata = metadata;
    this.clock = clock;
    this.instanceId = instanceId;
  }

  /** Reaps every {@code interval} from now on. */
  void start(Duration interval) {
    timer.scheduleWithFixedDelay(() -> {
      try {
        reap();
      } catch (RuntimeException e) {
        log.warn("looking for queries of lost instances failed: {}", e.toString());
      }
    }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One pass over the instances that own unfinished queries. */
  void reap() {
    for (String owner : metadata.owners()) {
      if (owner.equals(instanceId) || metadata.isAlive(owner)) {
        continue;
      }
      int failed = failAll(owner, "stopped responding");
      if (failed > 0) {
        log.warn("gateway instance {} stopped responding: {} of its queries failed with {}", owner, failed, OWNER_LOST);
      }
      metadata.forgetOwner(owner);
    }
  }

  /**
   * Before this instance takes work: queries still unfinished under its id were left by an earlier
   * run with the same configured {@code async.instance-id}, which died with them.
   */
  void reapLeftovers() {
    int failed = failAll(instanceId, "restarted");
    if (failed > 0) {
      log.warn("{} queries of an earlier run of instance {} failed with {}", failed, instanceId, OWNER_LOST);
    }
  }

  private int failAll(String owner, String what) {
    int failed = 0;
    for (QueryRecord query : metadata.unfinishedByOwner(owner)) {
      String when = query.state() == QueryState.PENDING ? "before the query ran" : "while the query ran";
      QueryError error = new QueryError(OWNER_LOST, "gateway instance " + owner + " " + what + " " + when);
      if (metadata.transition(query.id(), EnumSet.of(QueryState.PENDING, QueryState.RUNNING),
          new StateChange(QueryState.FAILED, clock.instant(), error)).isPresent()) {
        failed++;
      }
    }
    return failed;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
