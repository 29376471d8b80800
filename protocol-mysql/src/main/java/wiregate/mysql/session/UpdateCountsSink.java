package wiregate.mysql.session;

import java.nio.charset.StandardCharsets;
import java.util.List;
import wiregate.core.model.Column;
import wiregate.core.model.GatewayError;

/**
 * The outcome of an UPDATE from the one row {@code (matched, changed)} the dialect made it return
 * (InsertOutcome.UPDATE_COUNTS): affected rows are the changed rows, or the matched ones with
 * CLIENT_FOUND_ROWS; the info says "Rows matched: m  Changed: c  Warnings: w" as MySQL's does.
 */
final class UpdateCountsSink implements DmlOutcome {
  private final boolean foundRows;
  private final Warnings warnings;
  private long matched;
  private long changed;

  UpdateCountsSink(boolean foundRows, Warnings warnings) {
    this.foundRows = foundRows;
    this.warnings = warnings;
  }

  @Override
  public void columns(List<Column> columns) {}

  @Override
  public void row(byte[][] values) {
    matched = number(values, 0);
    changed = number(values, 1);
  }

  private static long number(byte[][] values, int i) {
    return i < values.length && values[i] != null
        ? Long.parseLong(new String(values[i], StandardCharsets.US_ASCII)) : 0;
  }

  @Override
  public void complete(String commandTag) {}

  @Override
  public void notice(GatewayError notice) {
    warnings.notice(notice);
  }

  @Override
  public long affectedRows() {
    return foundRows ? matched : changed;
  }

  @Override
  public long insertId() {
    return 0;
  }

  @Override
  public long newLastInsertId() {
    return 0;
  }

  @Override
  public String info() {
    return "Rows matched: " + matched + "  Changed: " + changed + "  Warnings: " + warnings.size();
  }
}
