package wiregate.core.lifecycle;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A graceful stop: refuse new work, wait for what is in flight to finish, and after the drain
 * timeout end what is left (each piece of work in its own way, e.g. a PostgreSQL session gets FATAL
 * 57P01 as from a fast shutdown) and give it a short grace period to go. Blocking: run it on a thread
 * of its own.
 */
public final class Drain {
  private static final Logger log = LoggerFactory.getLogger(Drain.class);
  /** After being asked to end, work gets this long to close before the gateway stops anyway. */
  static final Duration TERMINATE_GRACE = Duration.ofSeconds(5);
  private static final Duration SLICE = Duration.ofMillis(100);

  private final Lifecycle lifecycle;
  private final Duration timeout;
  private volatile boolean hurried;

  public Drain(Lifecycle lifecycle, Duration timeout) {
    this.lifecycle = lifecycle;
    this.timeout = timeout;
  }

  /** How a drain ended. */
  public enum Outcome {
    /** Everything in flight finished by itself. */
    FINISHED,
    /** The timeout passed (or the drain was hurried) and what was left was ended. */
    TERMINATED
  }

  /** Ends the wait now (a second SIGTERM): what is still in flight is terminated. */
  public void hurry() {
    hurried = true;
  }

  public Outcome run() throws InterruptedException {
    lifecycle.beginDrain();
    InFlight inFlight = lifecycle.inFlight();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!hurried && System.nanoTime() < deadline) {
      if (inFlight.awaitEmpty(SLICE)) {
        log.info("drained: nothing in flight");
        return Outcome.FINISHED;
      }
    }
    log.warn("drain {}: ending what is still in flight: {}", hurried ? "cut short" : "timed out after "
        + timeout.toMillis() + " ms", inFlight.byKind());
    inFlight.terminateAll();
    if (!inFlight.awaitEmpty(TERMINATE_GRACE)) {
      log.warn("stopping with work still open after {} s: {}", TERMINATE_GRACE.toSeconds(), inFlight.byKind());
    }
    return Outcome.TERMINATED;
  }
}
