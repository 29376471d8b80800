package wiregate.async;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.async.meta.MetadataStore;

/**
 * Keeps this instance alive in the metadata store: renews its heartbeat, which lapses after the
 * owner timeout, so other instances take its queries as lost once it stops. On each beat it also
 * stops the queries it runs that it should no longer run: a cancel was requested (the flag stays
 * when the notification was lost while the store connection was re-established), or the query
 * already ended elsewhere (expired, or failed by a reaper while this instance was unreachable).
 */
final class InstanceHeartbeat implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InstanceHeartbeat.class);

  private final MetadataStore metadata;
  private final QueryRunner runner;
  private final String instanceId;
  private final Duration ownerTimeout;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().daemon().name("async-query-heartbeat").factory());
  private boolean failing;

  InstanceHeartbeat(MetadataStore metadata, QueryRunner runner, String instanceId, Duration ownerTimeout) {
    this.metadata = metadata;
    this.runner = runner;
    this.instanceId = instanceId;
    this.ownerTimeout = ownerTimeout;
  }

  /** Beats now, then every {@code interval}. */
  void start(Duration interval) {
    beat();
    timer.scheduleAtFixedRate(this::beatQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void beatQuietly() {
    try {
      beat();
      if (failing) {
        log.info("heartbeat of instance {} renewed again", instanceId);
        failing = false;
      }
    } catch (RuntimeException e) {
      if (!failing) {
        log.warn("heartbeat of instance {} failed (other instances fail its queries after {} ms): {}", instanceId,
            ownerTimeout.toMillis(), e.toString());
        failing = true;
      }
    }
  }

  /** One beat: renew, then stop what must not run on. */
  void beat() {
    metadata.heartbeat(instanceId, ownerTimeout);
    for (String id : runner.runningIds()) {
      boolean ended = metadata.get(id).map(query -> query.state().isTerminal()).orElse(true);
      if (ended || metadata.cancelRequested(id)) {
        runner.cancel(id);
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
