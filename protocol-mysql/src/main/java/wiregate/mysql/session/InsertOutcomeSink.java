package wiregate.mysql.session;

import java.nio.charset.StandardCharsets;
import java.util.List;
import wiregate.core.model.Column;
import wiregate.core.model.GatewayError;
import wiregate.core.model.ResultSink;
import wiregate.core.mysql.MySqlStatement.InsertOutcome;

/**
 * Reads the RETURNING rows the dialect added to an INSERT (see {@link InsertOutcome}) instead of
 * sending them: they give MySQL's affected-row count and last-insert-id.
 */
public final class InsertOutcomeSink implements ResultSink {
  private final InsertOutcome mode;
  private final Warnings warnings;
  private long rows;
  private long inserted;
  private long firstGeneratedKey;

  public InsertOutcomeSink(InsertOutcome mode, Warnings warnings) {
    this.mode = mode;
    this.warnings = warnings;
  }

  @Override
  public void columns(List<Column> columns) {}

  @Override
  public void row(byte[][] values) {
    rows++;
    boolean wasInserted = mode != InsertOutcome.UPSERT_RETURNING
        || (values.length > 1 && values[1] != null && values[1].length > 0 && values[1][0] == 't');
    if (wasInserted) {
      inserted++;
    }
    if (firstGeneratedKey == 0 && values.length > 0 && values[0] != null) {
      try {
        firstGeneratedKey = Long.parseUnsignedLong(new String(values[0], StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        // not an integer key: MySQL's last-insert-id stays 0
      }
    }
  }

  @Override
  public void complete(String commandTag) {}

  @Override
  public void notice(GatewayError notice) {
    warnings.notice(notice);
  }

  /** MySQL counts an upsert's update as two affected rows. */
  public long affectedRows() {
    return mode == InsertOutcome.UPSERT_RETURNING ? inserted + 2 * (rows - inserted) : rows;
  }

  public long firstGeneratedKey() {
    return firstGeneratedKey;
  }

  public String info() {
    if (rows <= 1) {
      return null;
    }
    return "Records: " + rows + "  Duplicates: " + (rows - inserted) + "  Warnings: " + warnings.size();
  }
}
