package wiregate.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import wiregate.core.lifecycle.InFlight;
import wiregate.core.lifecycle.Lifecycle;
import wiregate.core.lifecycle.MeteredAdmission;
import wiregate.core.metrics.CommandMetrics;

class ServerMetricsTest {
  @Test
  void scrapeIsPrometheusTextWithGatewayAndJvmMeters() {
    try (ServerMetrics metrics = new ServerMetrics()) {
      Lifecycle lifecycle = new Lifecycle(new InFlight());
      new MeteredAdmission(lifecycle, lifecycle.inFlight(), metrics.registry()).gauge("postgres")
          .admit("postgres", () -> { });
      new CommandMetrics(metrics.registry(), "mysql").count("query");
      String text = metrics.scrape();
      assertTrue(text.contains("wiregate_connections_open{application=\"wiregate\",protocol=\"postgres\"} 1.0"), text);
      assertTrue(text.contains("wiregate_connections_accepted_total{application=\"wiregate\",protocol=\"postgres\"} 1.0"),
          text);
      assertTrue(text.contains("wiregate_commands_total{application=\"wiregate\",command=\"query\",protocol=\"mysql\"} 1.0"),
          text);
      assertTrue(text.contains("jvm_memory_used_bytes"), text);
    }
  }
}
