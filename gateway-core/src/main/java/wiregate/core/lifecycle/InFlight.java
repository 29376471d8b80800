package wiregate.core.lifecycle;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work that keeps the gateway from stopping: open wire sessions, running async queries. Each
 * piece registers when it starts and closes its token when it ends, so a drain knows when nothing is
 * left. Kinds are free-form labels ({@code postgres}, {@code mysql}, {@code async-query}) used for
 * counting and logging only.
 */
public final class InFlight {
  private static final Logger log = LoggerFactory.getLogger(InFlight.class);

  private final Set<Token> open = ConcurrentHashMap.newKeySet();
  private final Object emptied = new Object();

  /** Registers one piece of work; {@code onTerminate} is how a drain that timed out ends it early. */
  public Token register(String kind, Runnable onTerminate) {
    Token token = new Token(kind, onTerminate);
    open.add(token);
    return token;
  }

  /** Registers work that cannot be ended early (it ends when the process does). */
  public Token register(String kind) {
    return register(kind, () -> { });
  }

  public int count() {
    return open.size();
  }

  public int count(String kind) {
    int n = 0;
    for (Token token : open) {
      if (token.kind.equals(kind)) {
        n++;
      }
    }
    return n;
  }

  public boolean isEmpty() {
    return open.isEmpty();
  }

  /** Open work by kind, for log messages ("2 postgres, 1 mysql"). */
  public Map<String, Integer> byKind() {
    Map<String, Integer> counts = new TreeMap<>();
    for (Token token : open) {
      counts.merge(token.kind, 1, Integer::sum);
    }
    return counts;
  }

  /**
   * Waits until nothing is in flight or the timeout passes. Blocks the caller: call it from a thread
   * of its own, never from an event loop.
   *
   * @return whether nothing is in flight
   */
  public boolean awaitEmpty(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (emptied) {
      while (!open.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        // Bounded waits, so a missed notification can only delay the check, never hang it.
        emptied.wait(Math.max(1, Math.min(Duration.ofNanos(left).toMillis(), 100)));
      }
      return true;
    }
  }

  /** Asks every open piece of work to end now; each ends on its own thread and closes its token. */
  public void terminateAll() {
    for (Token token : open) {
      try {
        token.onTerminate.run();
      } catch (RuntimeException e) {
        log.warn("ending {} work failed: {}", token.kind, e.toString());
      }
    }
  }

  private void closed(Token token) {
    if (open.remove(token) && open.isEmpty()) {
      synchronized (emptied) {
        emptied.notifyAll();
      }
    }
  }

  /** One registered piece of work. Closing it more than once is harmless. */
  public final class Token implements AutoCloseable {
    private final String kind;
    private final Runnable onTerminate;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Token(String kind, Runnable onTerminate) {
      this.kind = kind;
      this.onTerminate = onTerminate;
    }

    public String kind() {
      return kind;
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        closed(this);
      }
    }
  }
}
