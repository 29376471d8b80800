package wiregate.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.core.async.AsyncQueryException;
import wiregate.core.async.AsyncQueryException.Problem;
import wiregate.core.lifecycle.Admission;
import wiregate.core.lifecycle.InFlight;

/**
 * Runs queries first come, first served, at most {@code maxRunning} at once, each on a virtual
 * thread, and refuses new ones when {@code maxQueued} already wait. Knows what is in flight, so a
 * graceful drain can wait for it: each query holds an admission token from the gateway's lifecycle
 * from the moment it is queued until it ends, so a draining gateway refuses new queries and waits for
 * the ones it has. Stop and timeout reach the running statement through its {@link RunningQuery}.
 */
public final class QueryRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QueryRunner.class);

  /** What a worker does with one query id. */
  interface Work {
    void run(String id, Duration timeout, RunningQuery handle);
  }

  private record Queued(String id, Duration timeout) {}

  private volatile int maxRunning;
  private volatile int maxQueued;
  private final Work work;
  private final LinkedBlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
  private final Map<String, RunningQuery> running = new ConcurrentHashMap<>();
  private final Map<String, InFlight.Token> admitted = new ConcurrentHashMap<>();
  private final Admission admission;
  /** Worker threads by slot; slot i works while i < maxRunning, so a reload can shrink or grow the set. */
  private final Map<Integer, Thread> workers = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().daemon().name("async-query-timeouts").factory());
  private final Object idle = new Object();
  private int inFlight;
  private volatile boolean closed;

  QueryRunner(int maxRunning, int maxQueued, Admission admission, Work work) {
    this.admission = admission;
    this.maxRunning = maxRunning;
    this.maxQueued = maxQueued;
    this.work = work;
    startWorkers();
  }

  /**
   * Applies new limits (a configuration reload). Queries already running are not disturbed: when
   * the limit shrinks, the surplus workers stop once their current query ends.
   */
  void resize(int maxRunning, int maxQueued) {
    synchronized (idle) {
      this.maxRunning = maxRunning;
      this.maxQueued = maxQueued;
      if (!closed) {
        startWorkers();
      }
    }
  }

  private void startWorkers() {
    for (int i = 0; i < maxRunning; i++) {
      int slot = i;
      workers.compute(slot, (k, existing) -> existing != null && existing.isAlive() ? existing
          : Thread.ofVirtual().name("async-query-" + slot).start(() -> workLoop(slot)));
    }
  }

  /** Queues a PENDING query. */
  void enqueue(String id, Duration timeout) throws AsyncQueryException {
    synchronized (idle) {
      if (closed) {
        throw new AsyncQueryException(Problem.UNAVAILABLE, "the gateway is shutting down");
      }
      // Counted as in flight rather than by queue length: a query a free worker is about to take
      // is not waiting, so max-queued 0 still accepts work while a slot is free.
      if (inFlight >= maxRunning + maxQueued) {
        throw new AsyncQueryException(Problem.UNAVAILABLE,
            "too many queries are waiting (" + maxQueued + "); retry later");
      }
      // A drain that runs out of time stops what still runs; queued queries are failed when the
      // service closes right after.
      InFlight.Token token = admission.admit("async-query", () -> terminate(id)).orElseThrow(
          () -> new AsyncQueryException(Problem.UNAVAILABLE, "the gateway is draining; submit to another instance"));
      admitted.put(id, token);
      inFlight++;
      queue.add(new Queued(id, timeout));
    }
  }

  /** Takes a query out of the queue before it runs; false when it is not waiting there. */
  boolean dequeue(String id) {
    boolean removed = queue.removeIf(q -> q.id().equals(id));
    if (removed) {
      done(id);
    }
    return removed;
  }

  /** Stops a query running here; false when it does not run here (yet or any more). */
  boolean cancel(String id) {
    RunningQuery handle = running.get(id);
    if (handle == null) {
      return false;
    }
    handle.stop(RunningQuery.StopReason.CANCELED);
    return true;
  }

  /** Ids of the queries running here now. */
  java.util.Set<String> runningIds() {
    return java.util.Set.copyOf(running.keySet());
  }

  /** Decided under the lock resize() takes, so a slot is never left both vacated and still wanted. */
  private boolean keepWorking(int slot) {
    synchronized (idle) {
      if (closed || slot >= maxRunning) {
        workers.remove(slot, Thread.currentThread());
        return false;
      }
      return true;
    }
  }

  private void workLoop(int slot) {
    while (keepWorking(slot)) {
      Queued next;
      try {
        // Polling rather than take(): a closing runner ends idle workers without interrupting
        // busy ones (an interrupt closes a JDBC socket under the statement being cancelled).
        next = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (next == null) {
        continue;
      }
      RunningQuery handle = new RunningQuery();
      running.put(next.id(), handle);
      var timer = next.timeout() == null ? null : timeouts.schedule(
          () -> Thread.startVirtualThread(() -> handle.stop(RunningQuery.StopReason.TIMEOUT)),
          next.timeout().toMillis(), TimeUnit.MILLISECONDS);
      try {
        work.run(next.id(), next.timeout(), handle);
      } catch (RuntimeException e) {
        log.error("query {} ended with an unexpected error", next.id(), e);
      } finally {
        if (timer != null) {
          timer.cancel(false);
        }
        running.remove(next.id());
        done(next.id());
      }
    }
  }

  /** Called from a drain's thread, which must not block: the cancel goes out on its own thread. */
  private void terminate(String id) {
    RunningQuery handle = running.get(id);
    if (handle != null) {
      Thread.startVirtualThread(() -> handle.stop(RunningQuery.StopReason.SHUTDOWN));
    }
  }

  private void done(String id) {
    InFlight.Token token = admitted.remove(id);
    if (token != null) {
      token.close();
    }
    synchronized (idle) {
      inFlight--;
      idle.notifyAll();
    }
  }

  /** Queries waiting or running here. */
  public int inFlightCount() {
    synchronized (idle) {
      return inFlight;
    }
  }

  /** Waits until nothing is waiting or running; false when {@code timeout} passed first. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (inFlight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(idle, left);
      }
      return true;
    }
  }

  /** Ids of the queries that still wait (for failing them at shutdown). */
  List<String> drainQueue() {
    List<Queued> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(q -> done(q.id()));
    return left.stream().map(Queued::id).toList();
  }

  /**
   * Stops the workers: running queries are cancelled with reason SHUTDOWN and given a few seconds
   * to record that; a worker still busy after that is interrupted.
   */
  @Override
  public void close() {
    synchronized (idle) {
      closed = true;
    }
    running.values().forEach(handle -> handle.stop(RunningQuery.StopReason.SHUTDOWN));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (Thread worker : workers.values()) {
      try {
        if (!worker.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
          worker.interrupt();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    timeouts.shutdownNow();
  }
}
