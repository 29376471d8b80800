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

  /**
   * Stops the query. A PENDING query is CANCELED at once and never runs; for a RUNNING one the
   * statement is cancelled on its target and this waits (up to a few seconds) for it to end. A
   * query that already ended is returned as it is.
   */
  QueryInfo stop(String user, String id) throws AsyncQueryException;

  QueryStats stats(String user, String id) throws AsyncQueryException;

  /**
   * The result of a SUCCEEDED query: RESULT_NOT_READY while it is PENDING or RUNNING, and for
   * FAILED and CANCELED ones; EXPIRED once its TTL passed.
   */
  ResultFile result(String user, String id) throws AsyncQueryException;

  /**
   * Delivers the query's state changes in order: first every event so far (sequence 1 onwards,
   * ending with its current state), then each new one as it happens, each exactly once. Close the
   * returned handle to stop. The listener is called from a thread of the service's own, one event
   * at a time.
   */
  AutoCloseable subscribe(String user, String id, Consumer<QueryEvent> listener) throws AsyncQueryException;

  List<DatabaseInfo> databases();
}
