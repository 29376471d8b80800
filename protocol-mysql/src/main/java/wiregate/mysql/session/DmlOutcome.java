package wiregate.mysql.session;

import wiregate.core.model.ResultSink;

/**
 * Reads the rows the dialect made a DML statement return (see
 * {@link wiregate.core.mysql.MySqlStatement.InsertOutcome}) instead of sending them, and turns them
 * into what MySQL's OK packet says.
 */
interface DmlOutcome extends ResultSink {
  /** MySQL's affected rows. */
  long affectedRows();

  /** The OK packet's last-insert-id (0: none). */
  long insertId();

  /** The value LAST_INSERT_ID() takes now, or 0 when it stays as it was. */
  long newLastInsertId();

  /** The OK packet's info text, or null. */
  String info();
}
