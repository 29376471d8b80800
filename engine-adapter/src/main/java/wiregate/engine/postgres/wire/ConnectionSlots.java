package wiregate.engine.postgres.wire;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How many relayed engine connections each database has open, bounded by {@code engine.pool.size}
 * as the JDBC pools are; a reload changes the bound for the next acquisition.
 */
final class ConnectionSlots {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition released = lock.newCondition();
  private final Map<String, Integer> open = new HashMap<>();
  private volatile int limit;

  ConnectionSlots(int limit) {
    this.limit = limit;
  }

  void setLimit(int next) {
    lock.lock();
    try {
      limit = next;
      released.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Takes a slot for {@code database}, waiting up to {@code timeoutMs}; false when none came free. */
  boolean acquire(String database, long timeoutMs) throws InterruptedException {
    long remaining = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    lock.lock();
    try {
      while (open.getOrDefault(database, 0) >= limit) {
        if (remaining <= 0) {
          return false;
        }
        remaining = released.awaitNanos(remaining);
      }
      open.merge(database, 1, Integer::sum);
      return true;
    } finally {
      lock.unlock();
    }
  }

  void release(String database) {
    lock.lock();
    try {
      open.computeIfPresent(database, (db, n) -> n <= 1 ? null : n - 1);
      released.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
