package wiregate.async;

import java.time.Duration;
import wiregate.core.config.AsyncConfig;

/**
 * The service's settings, taken from {@code async:} in the configuration.
 *
 * @param instanceId this gateway instance's name in the metadata store
 * @param sweepInterval how often expired queries are looked for
 */
public record AsyncSettings(Duration resultTtl, int maxRunning, int maxQueued, int fetchSize, String instanceId,
    Duration sweepInterval) {

  public static AsyncSettings from(AsyncConfig config, String instanceId) {
    Duration ttl = config.resultTtlDuration();
    // Often enough that a query expires within a few percent of its TTL, never busier than 1/s.
    Duration sweep = ttl.dividedBy(20);
    if (sweep.compareTo(Duration.ofSeconds(1)) < 0) {
      sweep = Duration.ofSeconds(1);
    } else if (sweep.compareTo(Duration.ofMinutes(1)) > 0) {
      sweep = Duration.ofMinutes(1);
    }
    return new AsyncSettings(ttl, config.maxRunning, config.maxQueued, config.fetchSize, instanceId, sweep);
  }
}
