package wiregate.mysql.session;

import java.util.List;
import wiregate.core.model.Column;
import wiregate.core.model.GatewayError;
import wiregate.core.model.ResultSink;
import wiregate.core.mysql.MySqlStatement.DmlOutcome;

/**
 * Reads the rows the dialect made a DML statement return (see {@link DmlOutcome}) instead of sending
 * them, and turns them into what MySQL's OK packet says. The engine's notices become the statement's
 * warnings.
 */
abstract class DmlOutcomeSink implements ResultSink {
  protected final boolean foundRows;
  protected final Warnings warnings;

  /**
   * @param foundRows the client set CLIENT_FOUND_ROWS: matched (not only changed) rows count as affected
   */
  DmlOutcomeSink(boolean foundRows, Warnings warnings) {
    this.foundRows = foundRows;
    this.warnings = warnings;
  }

  /** The sink for {@code outcome}, or null for NONE (the statement's result is sent as it is). */
  static DmlOutcomeSink of(DmlOutcome outcome, boolean foundRows, Warnings warnings) {
    return switch (outcome) {
      case NONE -> null;
      case UPDATE_COUNTS -> new UpdateCountsSink(foundRows, warnings);
      default -> new InsertOutcomeSink(outcome, foundRows, warnings);
    };
  }

  /** MySQL's affected rows. */
  abstract long affectedRows();

  /** The OK packet's last-insert-id (0: none). */
  abstract long insertId();

  /** The value LAST_INSERT_ID() takes now, or 0 when it stays as it was. */
  abstract long newLastInsertId();

  /** The OK packet's info text, or null. */
  abstract String info();

  @Override
  public void columns(List<Column> columns) {}

  @Override
  public void complete(String commandTag) {}

  @Override
  public void notice(GatewayError notice) {
    warnings.notice(notice);
  }
}
