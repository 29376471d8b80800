package wiregate.core.metrics;

/**
 * What a {@code /metrics} endpoint serves: the current values of every meter in the Prometheus text
 * exposition format. The server module implements it over its Prometheus registry, so the HTTP
 * surface needs no Micrometer registry of its own.
 */
public interface MetricsEndpoint {
  /** The Content-Type of {@link #scrape()}. */
  String contentType();

  String scrape();
}
