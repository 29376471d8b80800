package wiregate.core.model;

/** What the engine adapter needs to know about a statement to run it well. */
public enum StatementKind {
  /** Returns rows and is safe inside a transaction block: may stream through a cursor. */
  QUERY,
  /** BEGIN, COMMIT, ROLLBACK and friends: changes the transaction block state. */
  TRANSACTION_CONTROL,
  /** COPY ... FROM STDIN: the client streams data in. */
  COPY_FROM_CLIENT,
  /** COPY ... TO STDOUT: the engine streams data out to the client. */
  COPY_TO_CLIENT,
  /** Anything else: DML, DDL, utility commands. */
  OTHER
}
