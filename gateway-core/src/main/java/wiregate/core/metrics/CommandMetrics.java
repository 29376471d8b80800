package wiregate.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the commands one protocol's clients send that run SQL ({@code wiregate.commands}, tagged
 * with the protocol and the command, e.g. {@code query}, {@code execute}). Protocol modules count
 * through this class and never see a concrete registry.
 */
public final class CommandMetrics {
  private final MeterRegistry registry;
  private final String protocol;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public CommandMetrics(MeterRegistry registry, String protocol) {
    this.registry = registry;
    this.protocol = protocol;
  }

  /** Counts into a private registry nobody reads; for tests and tools. */
  public static CommandMetrics unobserved(String protocol) {
    return new CommandMetrics(new SimpleMeterRegistry(), protocol);
  }

  public void count(String command) {
    counter(command).increment();
  }

  /** One command's counter, for hot paths that count it again and again without a lookup each time. */
  public Counter counter(String command) {
    return counters.computeIfAbsent(command, c -> Counter.builder("wiregate.commands")
        .description("Client commands that run SQL, by protocol and command")
        .tag("protocol", protocol)
        .tag("command", c)
        .register(registry));
  }
}
