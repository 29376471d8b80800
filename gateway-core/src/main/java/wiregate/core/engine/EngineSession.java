package wiregate.core.engine;

import java.util.Map;
import wiregate.core.model.GatewayException;
import wiregate.core.model.ResultSink;
import wiregate.core.model.Statement;
import wiregate.core.model.TransactionStatus;

/**
 * One client session's view of the engine. Not thread-safe except {@link #cancel()}: a session runs
 * one command at a time on its worker thread.
 */
public interface EngineSession extends AutoCloseable {
  /** Runs one statement, streaming its outcome into the sink; an engine error is thrown. */
  void execute(Statement statement, ResultSink sink) throws GatewayException;

  /**
   * Prepares a statement on the engine and describes it. {@code declaredTypes} are the parameter
   * types the client named (0 = let the engine infer); it may be shorter than the parameter count.
   */
  PreparedQuery prepare(Statement statement, int[] declaredTypes) throws GatewayException;

  /** Releases a prepared statement on the engine (lazily, with the next round trip). */
  void release(PreparedQuery query);

  /**
   * Binds values to a prepared statement; nothing runs until the portal does. {@code binaryResults}
   * says per result column whether the client wants the binary format.
   */
  EnginePortal bind(PreparedQuery query, java.util.List<ParameterValue> values, boolean[] binaryResults)
      throws GatewayException;

  /** Starts a COPY ... FROM STDIN; the caller feeds it the client's data. */
  CopyIn copyIn(Statement statement) throws GatewayException;

  /** Starts a COPY ... TO STDOUT; the caller drains it to the client. */
  CopyOut copyOut(Statement statement) throws GatewayException;

  /** Engine work for {@link #atomically}. */
  @FunctionalInterface
  interface Work {
    void run() throws GatewayException;
  }

  /**
   * Runs one client statement's engine work inside the open transaction so that, if it fails, only
   * its own effects are undone and the transaction stays usable, as MySQL treats a failed statement
   * (in PostgreSQL the whole transaction would be aborted). The work should be a single engine
   * statement (with its describe and fetches): each engine statement it runs is undone alone.
   */
  void atomically(Work work) throws GatewayException;

  /**
   * Opens an implicit transaction block, as PostgreSQL does around a multi-statement simple query,
   * so its statements commit or roll back together. Does nothing unless idle.
   */
  void beginImplicitBlock() throws GatewayException;

  /** Ends the implicit block: commits if {@code commit} and nothing failed, else rolls back. */
  void endImplicitBlock(boolean commit) throws GatewayException;

  TransactionStatus transactionStatus();

  /** The engine backend's process id for this session. */
  int processId();

  /**
   * Notifications received so far, without waiting; reads what the engine already sent while the
   * session is idle (outside a transaction, as PostgreSQL delivers them).
   */
  java.util.List<Notification> takeNotifications() throws GatewayException;

  /** The run-time parameters the engine reports (server_version, TimeZone, DateStyle, ...). */
  Map<String, String> reportedParameters();

  /**
   * The client is between commands: nothing of this session runs and no COPY is open (the protocol
   * calls it before ReadyForQuery or after a command's response). In transaction pool mode the engine
   * connection goes back to the pool here unless a transaction or a pin holds it; otherwise a no-op.
   */
  default void idle() {}

  /** Asks the engine to cancel the running statement, if any. Safe from any thread. */
  void cancel();

  /** Rolls back what is open, resets session state and gives the engine connection back. */
  @Override
  void close();
}
