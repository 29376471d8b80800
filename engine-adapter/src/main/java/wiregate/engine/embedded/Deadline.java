package wiregate.engine.embedded;

import java.time.Duration;

/** One time budget shared by every step of a start-up. */
record Deadline(Duration budget, long expiresAtNanos) {
  static Deadline after(Duration budget) {
    return new Deadline(budget, System.nanoTime() + budget.toNanos());
  }

  Duration remaining() {
    return Duration.ofNanos(Math.max(0, expiresAtNanos - System.nanoTime()));
  }

  /** For messages: "120000 ms" reads better than PT2M to someone who set startup-timeout-ms. */
  String describeBudget() {
    return budget.toMillis() + " ms";
  }

  boolean expired() {
    return remaining().isZero();
  }
}
