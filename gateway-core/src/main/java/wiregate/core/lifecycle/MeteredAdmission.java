package wiregate.core.lifecycle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts what passes the gate: {@code wiregate.connections.accepted} and
 * {@code wiregate.connections.refused} (counters) and {@code wiregate.connections.open} (gauge), each
 * tagged with the protocol ({@code kind}).
 */
public final class MeteredAdmission implements Admission {
  private final Admission delegate;
  private final InFlight inFlight;
  private final MeterRegistry registry;
  private final Set<String> gauged = ConcurrentHashMap.newKeySet();

  public MeteredAdmission(Admission delegate, InFlight inFlight, MeterRegistry registry) {
    this.delegate = delegate;
    this.inFlight = inFlight;
    this.registry = registry;
  }

  /** Registers the open-connections gauge up front, so a scrape shows 0 before the first client. */
  public MeteredAdmission gauge(String kind) {
    if (gauged.add(kind)) {
      Gauge.builder("wiregate.connections.open", inFlight, f -> f.count(kind))
          .description("Open client sessions")
          .tag("protocol", kind)
          .register(registry);
    }
    return this;
  }

  @Override
  public Optional<InFlight.Token> admit(String kind, Runnable onTerminate) {
    gauge(kind);
    Optional<InFlight.Token> token = delegate.admit(kind, onTerminate);
    Counter.builder(token.isPresent() ? "wiregate.connections.accepted" : "wiregate.connections.refused")
        .description(token.isPresent() ? "Client sessions admitted" : "Client sessions refused while draining")
        .tag("protocol", kind)
        .register(registry)
        .increment();
    return token;
  }
}
