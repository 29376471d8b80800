package wiregate.core.async;

/**
 * Where an async query is in its life: PENDING -> RUNNING -> SUCCEEDED | FAILED | CANCELED, and any
 * state -> EXPIRED once the result TTL has passed and the result file is deleted.
 */
public enum QueryState {
  PENDING,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELED,
  EXPIRED;

  /** Terminal states never change again, except to EXPIRED. */
  public boolean isTerminal() {
    return this != PENDING && this != RUNNING;
  }
}
