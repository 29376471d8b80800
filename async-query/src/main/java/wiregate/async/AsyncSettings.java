package wiregate.async;

import java.time.Duration;
import wiregate.core.config.AsyncConfig;

/**
 * The service's settings, taken from {@code async:} in the configuration.
 *
 * @param instanceId this gateway instance's name in the metadata store
 * @param sweepInterval how often expired queries are looked for
 * @param heartbeat how often this instance renews its liveness (and looks for dead owners)
 * @param ownerTimeout how long an owner may be silent before its queries are taken as lost
 */
public record AsyncSettings(Duration resultTtl, int maxRunning, int maxQueued, int fetchSize, String instanceId,
    Duration sweepInterval, Duration heartbeat, Duration ownerTimeout) {

  /** Settings with the default heartbeat (1 s) and owner timeout (10 s). */
  public AsyncSettings(Duration resultTtl, int maxRunning, int maxQueued, int fetchSize, String instanceId,
      Duration sweepInterval) {
    this(resultTtl, maxRunning, maxQueued, fetchSize, instanceId, sweepInterval, Duration.ofSeconds(1),
        Duration.ofSeconds(10));
  }

  public static AsyncSettings from(AsyncConfig config, String instanceId) {
    Duration ttl = config.resultTtlDuration();
    // Often enough that a query expires within a few percent of its TTL, never busier than 1/s.
    Duration sweep = ttl.dividedBy(20);
    if (sweep.compareTo(Duration.ofSeconds(1)) < 0) {
      sweep = Duration.ofSeconds(1);
    } else if (sweep.compareTo(Duration.ofMinutes(1)) > 0) {
      sweep = Duration.ofMinutes(1);
    }
    return new AsyncSettings(ttl, config.maxRunning, config.maxQueued, config.fetchSize, instanceId, sweep,
        Duration.ofMillis(config.metadata.heartbeatMs), Duration.ofMillis(config.metadata.ownerTimeoutMs));
  }
}
