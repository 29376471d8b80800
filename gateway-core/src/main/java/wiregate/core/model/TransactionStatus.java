package wiregate.core.model;

/** The engine session's transaction block state. */
public enum TransactionStatus {
  IDLE,
  IN_TRANSACTION,
  FAILED
}
