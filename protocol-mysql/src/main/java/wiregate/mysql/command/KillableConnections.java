package wiregate.mysql.command;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The logged-in MySQL connections of one gateway by connection id (the id the greeting announced,
 * CONNECTION_ID()), so that KILL on one connection can reach another. Connections join and leave on
 * their own workers while KILL runs on the killer's: thread-safe.
 */
public final class KillableConnections {
  /** What KILL can do to a connection; both methods are safe from any thread. */
  interface Target {
    /** The MySQL user the connection is logged in as (a user may kill only its own connections). */
    String user();

    /** Cancels the statement the connection is running, if any (KILL QUERY). */
    void cancelStatement();

    /** Cancels the running statement and closes the connection (KILL CONNECTION). */
    void close();
  }

  private final Map<Long, Target> byId = new ConcurrentHashMap<>();

  void register(long connectionId, Target target) {
    byId.put(connectionId, target);
  }

  void unregister(long connectionId, Target target) {
    byId.remove(connectionId, target);
  }

  Target find(long connectionId) {
    return byId.get(connectionId);
  }
}
