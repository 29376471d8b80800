package wiregate.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import wiregate.core.lifecycle.Admission;

class QueryRunnerResizeTest {
  /** Work that holds its slot until released, counting how many run at once. */
  private final AtomicInteger running = new AtomicInteger();
  private final Semaphore release = new Semaphore(0);

  private void work(String id, Duration timeout, RunningQuery handle) {
    running.incrementAndGet();
    try {
      release.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      running.decrementAndGet();
    }
  }

  private void awaitRunning(int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (running.get() != expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(expected, running.get());
  }

  @Test
  void aReloadGrowsAndShrinksTheWorkersWithoutDisturbingRunningQueries() throws Exception {
    try (QueryRunner runner = new QueryRunner(1, 10, Admission.always(), this::work)) {
      for (int i = 0; i < 4; i++) {
        runner.enqueue("q" + i, null);
      }
      awaitRunning(1);
      runner.resize(3, 10);
      awaitRunning(3);

      runner.resize(1, 10);
      Thread.sleep(300);
      assertEquals(3, running.get(), "shrinking lets running queries finish");
      release.release(3); // q0..q2 end; the surplus workers stop, one takes q3
      awaitRunning(1);
      runner.enqueue("q4", null);
      Thread.sleep(500);
      assertEquals(1, running.get(), "one worker left");
      release.release(2);
      assertTrue(runner.awaitIdle(Duration.ofSeconds(10)));
    }
  }
}
