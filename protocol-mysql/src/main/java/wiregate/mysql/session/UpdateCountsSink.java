package wiregate.mysql.session;

import java.nio.charset.StandardCharsets;

/**
 * The outcome of an UPDATE from the one row {@code (matched, changed)} the dialect made it return
 * (DmlOutcome.UPDATE_COUNTS): affected rows are the changed rows, or the matched ones with
 * CLIENT_FOUND_ROWS; the info says "Rows matched: m  Changed: c  Warnings: w" as MySQL's does.
 */
final class UpdateCountsSink extends DmlOutcomeSink {
  private long matched;
  private long changed;

  UpdateCountsSink(boolean foundRows, Warnings warnings) {
    super(foundRows, warnings);
  }

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
  long affectedRows() {
    return foundRows ? matched : changed;
  }

  @Override
  long insertId() {
    return 0;
  }

  @Override
  long newLastInsertId() {
    return 0;
  }

  @Override
  String info() {
    return "Rows matched: " + matched + "  Changed: " + changed + "  Warnings: " + warnings.size();
  }
}
