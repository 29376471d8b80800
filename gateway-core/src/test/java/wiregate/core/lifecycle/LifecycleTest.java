package wiregate.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LifecycleTest {
  @Test
  void admitsWhileRunningAndRefusesOnceDraining() {
    Lifecycle lifecycle = new Lifecycle(new InFlight());
    assertTrue(lifecycle.isReady());
    Optional<InFlight.Token> first = lifecycle.admit("postgres", () -> { });
    assertTrue(first.isPresent());
    assertFalse(lifecycle.canStop());

    assertTrue(lifecycle.beginDrain());
    assertFalse(lifecycle.beginDrain(), "a second drain does not start again");
    assertEquals(LifecycleState.DRAINING, lifecycle.state());
    assertFalse(lifecycle.isReady());
    assertTrue(lifecycle.admit("mysql", () -> { }).isEmpty());

    first.get().close();
    first.get().close(); // closing twice is harmless
    assertTrue(lifecycle.canStop());
    assertEquals(0, lifecycle.inFlight().count());
  }

  @Test
  void inFlightCountsByKindAndWaitsForEmpty() throws Exception {
    InFlight inFlight = new InFlight();
    InFlight.Token a = inFlight.register("postgres");
    InFlight.Token b = inFlight.register("postgres");
    InFlight.Token c = inFlight.register("async-query");
    assertEquals(Map.of("async-query", 1, "postgres", 2), inFlight.byKind());
    assertEquals(2, inFlight.count("postgres"));
    assertFalse(inFlight.awaitEmpty(Duration.ofMillis(20)));

    Thread.ofVirtual().start(() -> {
      a.close();
      b.close();
      c.close();
    });
    assertTrue(inFlight.awaitEmpty(Duration.ofSeconds(5)));
  }

  @Test
  void drainFinishesWhenTheLastSessionCloses() throws Exception {
    Lifecycle lifecycle = new Lifecycle(new InFlight());
    InFlight.Token session = lifecycle.admit("postgres", () -> { }).orElseThrow();
    Thread.ofVirtual().start(() -> {
      sleep(200);
      session.close();
    });
    assertEquals(Drain.Outcome.FINISHED, new Drain(lifecycle, Duration.ofSeconds(10)).run());
  }

  @Test
  void drainTerminatesWhatIsLeftAfterTheTimeout() throws Exception {
    Lifecycle lifecycle = new Lifecycle(new InFlight());
    AtomicInteger terminated = new AtomicInteger();
    InFlight.Token[] holder = new InFlight.Token[1];
    holder[0] = lifecycle.admit("mysql", () -> {
      terminated.incrementAndGet();
      holder[0].close(); // a session that ends when told to
    }).orElseThrow();
    assertEquals(Drain.Outcome.TERMINATED, new Drain(lifecycle, Duration.ofMillis(100)).run());
    assertEquals(1, terminated.get());
    assertTrue(lifecycle.canStop());
  }

  @Test
  void hurriedDrainDoesNotWaitForTheTimeout() throws Exception {
    Lifecycle lifecycle = new Lifecycle(new InFlight());
    InFlight.Token[] holder = new InFlight.Token[1];
    holder[0] = lifecycle.admit("postgres", () -> holder[0].close()).orElseThrow();
    Drain drain = new Drain(lifecycle, Duration.ofMinutes(10));
    Thread.ofVirtual().start(() -> {
      sleep(100);
      drain.hurry();
    });
    long start = System.nanoTime();
    assertEquals(Drain.Outcome.TERMINATED, drain.run());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
  }

  @Test
  void meteredAdmissionCountsAcceptedRefusedAndOpen() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Lifecycle lifecycle = new Lifecycle(new InFlight());
    MeteredAdmission admission = new MeteredAdmission(lifecycle, lifecycle.inFlight(), registry).gauge("mysql");
    assertEquals(0.0, registry.get("wiregate.connections.open").tag("protocol", "mysql").gauge().value());
    InFlight.Token token = admission.admit("postgres", () -> { }).orElseThrow();
    assertEquals(1.0, registry.get("wiregate.connections.open").tag("protocol", "postgres").gauge().value());
    lifecycle.beginDrain();
    assertTrue(admission.admit("postgres", () -> { }).isEmpty());
    assertEquals(1.0, registry.get("wiregate.connections.accepted").tag("protocol", "postgres").counter().count());
    assertEquals(1.0, registry.get("wiregate.connections.refused").tag("protocol", "postgres").counter().count());
    token.close();
    assertEquals(0.0, registry.get("wiregate.connections.open").tag("protocol", "postgres").gauge().value());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
