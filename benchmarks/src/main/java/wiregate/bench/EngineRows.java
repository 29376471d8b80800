package wiregate.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import wiregate.core.model.Column;

/**
 * Result rows as the engine adapter hands them to a protocol: PostgreSQL's text output in UTF-8,
 * one {@code byte[]} per column, with the columns' descriptions. A typical row has five columns
 * (int4, int8, text, numeric(12,2), timestamp); the wide row repeats that shape four times.
 */
final class EngineRows {
  static final int INT4 = 23;
  static final int INT8 = 20;
  static final int TEXT = 25;
  static final int NUMERIC = 1700;
  static final int TIMESTAMP = 1114;
  /** numeric(12,2) as PostgreSQL's type modifier writes it: ((precision << 16) | scale) + 4. */
  private static final int NUMERIC_12_2 = ((12 << 16) | 2) + 4;

  private static final String[][] VALUES = {
      {"42", "9007199254740993", "alice@example.com", "12345.67", "2024-01-31 12:34:56.789"},
      {"-7", "1", "a somewhat longer text value, as a comment column holds", "0.50", "1999-12-31 23:59:59"},
      {"2147483647", "-9223372036854775808", "", "-99999.99", "2024-02-29 00:00:00.000001"},
      {"0", "123456789012", "unicode ✓ text", "100.00", "2030-06-15 08:00:00"},
  };

  private EngineRows() {}

  /** The five columns of the typical row. */
  static List<Column> typicalColumns() {
    return columns(1);
  }

  static byte[][] typicalRow() {
    return values(1);
  }

  /** Twenty columns: the typical shape four times, with different values. */
  static List<Column> wideColumns() {
    return columns(4);
  }

  static byte[][] wideRow() {
    return values(4);
  }

  private static List<Column> columns(int groups) {
    List<Column> columns = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      columns.add(column("id" + g, INT4, 4, -1));
      columns.add(column("seq" + g, INT8, 8, -1));
      columns.add(column("note" + g, TEXT, -1, -1));
      columns.add(column("amount" + g, NUMERIC, -1, NUMERIC_12_2));
      columns.add(column("created" + g, TIMESTAMP, 8, 6));
    }
    return List.copyOf(columns);
  }

  /** A computed column (no table): the MySQL side then needs no catalog lookup. */
  private static Column column(String name, int typeOid, int size, int modifier) {
    return new Column(name, 0, (short) 0, typeOid, (short) size, modifier);
  }

  private static byte[][] values(int groups) {
    byte[][] row = new byte[groups * 5][];
    for (int g = 0; g < groups; g++) {
      for (int c = 0; c < 5; c++) {
        row[g * 5 + c] = VALUES[g][c].getBytes(StandardCharsets.UTF_8);
      }
    }
    return row;
  }
}
