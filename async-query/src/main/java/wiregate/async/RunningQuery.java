package wiregate.async;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stop switch of one running query. A stop is remembered (so a statement attached later is
 * cancelled at once) and cancels the JDBC statement for real: pgjdbc sends PostgreSQL a cancel
 * request, Connector/J sends KILL QUERY. The first reason to stop wins.
 */
final class RunningQuery {
  private static final Logger log = LoggerFactory.getLogger(RunningQuery.class);

  enum StopReason { CANCELED, TIMEOUT, SHUTDOWN }

  private final ReentrantLock lock = new ReentrantLock();
  private volatile StopReason stopReason;
  private Statement statement;

  /** The statement a stop must cancel; cancels it at once when a stop came first. */
  void attach(Statement attached) {
    lock.lock();
    try {
      statement = attached;
    } finally {
      lock.unlock();
    }
    if (stopReason != null) {
      cancel(attached);
    }
  }

  void stop(StopReason reason) {
    Statement toCancel;
    lock.lock();
    try {
      if (stopReason != null) {
        return;
      }
      stopReason = reason;
      toCancel = statement;
    } finally {
      lock.unlock();
    }
    if (toCancel != null) {
      cancel(toCancel);
    }
  }

  /** Null while nobody asked the query to stop. */
  StopReason stopReason() {
    return stopReason;
  }

  private static void cancel(Statement statement) {
    try {
      statement.cancel();
    } catch (SQLException e) {
      log.debug("cancelling a statement failed: {}", e.toString());
    }
  }
}
