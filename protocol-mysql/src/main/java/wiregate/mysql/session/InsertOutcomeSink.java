package wiregate.mysql.session;

import java.nio.charset.StandardCharsets;
import wiregate.core.mysql.MySqlStatement.DmlOutcome;

/**
 * The outcome of an INSERT, REPLACE or upsert from the RETURNING rows the dialect added (their shapes
 * are described at {@link DmlOutcome}): affected rows counted as MySQL does, the first
 * auto-increment value, the "Records: n  Duplicates: d  Warnings: w" info of multi-row inserts and
 * a warning for each row INSERT IGNORE skipped.
 */
final class InsertOutcomeSink extends DmlOutcomeSink {
  /** ER_DUP_ENTRY, a warning under INSERT IGNORE. */
  static final int DUPLICATE_ENTRY = 1062;

  private final DmlOutcome mode;
  private long rows;
  private long inserted;
  private long changed;
  private long firstKey;
  private boolean keyGenerated;

  /** With {@code foundRows} an upsert's unchanged row counts as affected. */
  InsertOutcomeSink(DmlOutcome mode, boolean foundRows, Warnings warnings) {
    super(foundRows, warnings);
    this.mode = mode;
    this.keyGenerated = mode == DmlOutcome.RETURNING_GENERATED_KEY;
  }

  @Override
  public void row(byte[][] values) {
    rows++;
    boolean perRowStatus = mode == DmlOutcome.UPSERT_RETURNING || mode == DmlOutcome.IGNORE_RETURNING;
    byte[] status = perRowStatus && values.length > 1 ? values[1] : TRUE;
    if (status == null) {
      if (mode == DmlOutcome.IGNORE_RETURNING) {
        warnings.add(new Warning("Warning", DUPLICATE_ENTRY,
            "Duplicate entry for a unique key: the row was not inserted (INSERT IGNORE)"));
      }
      return;
    }
    if (isTrue(status)) {
      inserted++;
    } else {
      changed++;
    }
    if (firstKey == 0 && values.length > 0 && values[0] != null) {
      try {
        firstKey = Long.parseUnsignedLong(new String(values[0], StandardCharsets.US_ASCII));
        if (perRowStatus) {
          keyGenerated = values.length > 2 && isTrue(values[2]);
        }
      } catch (NumberFormatException e) {
        // not an integer key: MySQL's last-insert-id stays 0
      }
    }
  }

  /** MySQL counts an upsert's change as two rows and an unchanged row as none (one with CLIENT_FOUND_ROWS). */
  @Override
  long affectedRows() {
    return switch (mode) {
      case UPSERT_RETURNING -> inserted + 2 * changed + (foundRows ? rows - inserted - changed : 0);
      case IGNORE_RETURNING -> inserted;
      default -> rows;
    };
  }

  @Override
  long insertId() {
    return firstKey;
  }

  @Override
  long newLastInsertId() {
    return keyGenerated ? firstKey : 0;
  }

  @Override
  String info() {
    if (rows <= 1) {
      return null;
    }
    long duplicates = mode == DmlOutcome.IGNORE_RETURNING ? rows - inserted : changed;
    return "Records: " + rows + "  Duplicates: " + duplicates + "  Warnings: " + warnings.size();
  }

  private static final byte[] TRUE = {'t'};

  private static boolean isTrue(byte[] value) {
    return value != null && value.length > 0 && value[0] == 't';
  }
}
