package wiregate.http;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import wiregate.core.async.QueryService;
import wiregate.core.config.LiveConfig;
import wiregate.core.lifecycle.Lifecycle;
import wiregate.core.metrics.MetricsEndpoint;
import wiregate.http.auth.HttpAuthenticator;

/**
 * What the HTTP surface needs from the rest of the gateway. {@code queries} is empty when no async
 * query service is wired: its endpoints then answer 503 UNAVAILABLE. {@code workers} runs endpoints
 * off the event loops (virtual threads).
 */
public record HttpServices(Optional<QueryService> queries, LiveConfig config, Lifecycle lifecycle,
    MetricsEndpoint metrics, HttpAuthenticator authenticator, ExecutorService workers) {

  /** The query service, or the 503 a client gets while none is wired. */
  public QueryService requireQueries() throws ApiException {
    return queries.orElseThrow(() -> ErrorMapping.unavailable(
        "the async query service is not available on this gateway"));
  }
}
