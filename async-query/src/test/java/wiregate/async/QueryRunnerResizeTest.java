package wiregate.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import wiregate.core.lifecycle.Admission;

class QueryRunnerResizeTest {
  /** Each query holds its slot until its own latch is released; the set says which run now. */
  private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
  private final Set<String> running = ConcurrentHashMap.newKeySet();

  private CountDownLatch gate(String id) {
    return gates.computeIfAbsent(id, k -> new CountDownLatch(1));
  }

  private void work(String id, Duration timeout, RunningQuery handle) {
    running.add(id);
    try {
      gate(id).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      running.remove(id);
    }
  }

  private void awaitRunning(Set<String> expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!running.equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(expected, Set.copyOf(running));
  }

  @Test
  void aReloadGrowsAndShrinksTheWorkersWithoutDisturbingRunningQueries() throws Exception {
    try (QueryRunner runner = new QueryRunner(1, 10, Admission.always(), this::work)) {
      for (int i = 0; i < 4; i++) {
        runner.enqueue("q" + i, null);
      }
      awaitRunning(Set.of("q0"));
      runner.resize(3, 10);
      awaitRunning(Set.of("q0", "q1", "q2"));

      runner.resize(1, 10);
      Thread.sleep(300);
      assertEquals(Set.of("q0", "q1", "q2"), Set.copyOf(running), "shrinking lets running queries finish");
      gate("q1").countDown();
      gate("q2").countDown();
      Thread.sleep(300);
      assertEquals(Set.of("q0"), Set.copyOf(running), "the surplus workers stopped instead of taking q3");
      gate("q0").countDown();
      awaitRunning(Set.of("q3"));
      runner.enqueue("q4", null);
      Thread.sleep(300);
      assertEquals(Set.of("q3"), Set.copyOf(running), "one worker left");
      gate("q3").countDown();
      awaitRunning(Set.of("q4"));
      gate("q4").countDown();
      assertTrue(runner.awaitIdle(Duration.ofSeconds(10)));
    }
  }
}
