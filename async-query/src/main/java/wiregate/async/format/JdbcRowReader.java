package wiregate.async.format;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Reads the current row of a JDBC result into the values {@link ColumnKind} promises. The array is
 * reused from row to row: a writer must consume it before the next read.
 */
public final class JdbcRowReader {
  private final List<ResultColumn> columns;
  private final Object[] row;

  public JdbcRowReader(List<ResultColumn> columns) {
    this.columns = columns;
    this.row = new Object[columns.size()];
  }

  public Object[] read(ResultSet rs) throws SQLException {
    for (int i = 0; i < row.length; i++) {
      row[i] = value(rs, i + 1, columns.get(i).kind());
    }
    return row;
  }

  private static Object value(ResultSet rs, int index, ColumnKind kind) throws SQLException {
    Object value = switch (kind) {
      case BOOLEAN -> rs.getBoolean(index);
      case INT32 -> rs.getInt(index);
      case INT64 -> rs.getLong(index);
      case FLOAT -> rs.getFloat(index);
      case DOUBLE -> rs.getDouble(index);
      case DECIMAL -> decimal(rs.getString(index));
      case DATE -> rs.getObject(index, LocalDate.class);
      case TIMESTAMP -> rs.getObject(index, LocalDateTime.class);
      case TIMESTAMPTZ -> rs.getObject(index, OffsetDateTime.class);
      case BINARY -> rs.getBytes(index);
      case STRING, JSON -> rs.getString(index);
    };
    return rs.wasNull() ? null : value;
  }

  /**
   * Decimals are read as text and parsed, which keeps every digit and lets PostgreSQL's NaN and
   * Infinity through as text (no decimal type holds them).
   */
  private static Object decimal(String text) {
    if (text == null) {
      return null;
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      return text;
    }
  }
}
