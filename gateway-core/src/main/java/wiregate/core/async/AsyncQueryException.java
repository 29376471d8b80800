package wiregate.core.async;

/**
 * A request the async query service refuses. The problem says which kind, so each surface can
 * answer natively (the HTTP API maps it to a status code and a JSON error body).
 */
public final class AsyncQueryException extends Exception {
  public enum Problem {
    /** Malformed or contradictory request fields. */
    INVALID_REQUEST,
    /** {@code database_id} names no configured database. */
    UNKNOWN_DATABASE,
    /** No such query for this user (another user's query is not revealed either). */
    NOT_FOUND,
    /** The query has no result yet (still PENDING or RUNNING) or none at all (FAILED, CANCELED). */
    RESULT_NOT_READY,
    /** The result TTL passed and the file is gone. */
    EXPIRED,
    /** A byte range beyond the end of the result. */
    RANGE_NOT_SATISFIABLE,
    /** The gateway is draining, or at its limit of queued queries. */
    UNAVAILABLE
  }

  private final Problem problem;

  public AsyncQueryException(Problem problem, String message) {
    super(message);
    this.problem = problem;
  }

  public AsyncQueryException(Problem problem, String message, Throwable cause) {
    super(message, cause);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
