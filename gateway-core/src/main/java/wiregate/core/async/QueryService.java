package wiregate.core.async;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The async query API's service: submit now, poll, stop, download later. Execution is decoupled
 * from the caller: nothing here is cancelled because a caller went away. Every method acts for one
 * authenticated gateway user, who sees and controls only their own queries. Methods may block
 * (storage, metadata store): callers run them off the network event loops.
 */
public interface QueryService {
  /**
   * Registers the query and returns at once with its PENDING (or later) state. The same
   * idempotency key from the same user within the result TTL returns the first submission's query
   * and never runs it twice, also when two gateway instances race.
   */
  QueryInfo submit(String user, QueryRequest request, Optional<String> idempotencyKey) throws AsyncQueryException;

  /** The query's current state; waits up to {@code wait} for a terminal state (zero: no wait). */
  QueryInfo get(String user, String id, Duration wait) throws AsyncQueryException;

  /** Asks for the query to stop; the running statement is cancelled on its target. */
  QueryInfo stop(String user, String id) throws AsyncQueryException;

  QueryStats stats(String user, String id) throws AsyncQueryException;

  /** The result of a SUCCEEDED query. */
  ResultFile result(String user, String id) throws AsyncQueryException;

  /**
   * Delivers the query's state changes in order, starting with its current state, and the final
   * one; close the returned handle to stop. The listener is called from a service thread.
   */
  AutoCloseable subscribe(String user, String id, Consumer<QueryEvent> listener) throws AsyncQueryException;

  List<DatabaseInfo> databases();
}
