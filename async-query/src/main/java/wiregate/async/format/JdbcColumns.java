package wiregate.async.format;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Maps a JDBC result's metadata onto {@link ResultColumn}s: the type comes from the driver, never guessed. */
public final class JdbcColumns {
  private JdbcColumns() {}

  public static List<ResultColumn> describe(ResultSetMetaData meta) throws SQLException {
    List<ResultColumn> columns = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      String type = meta.getColumnTypeName(i);
      int precision = meta.getPrecision(i);
      int scale = meta.getScale(i);
      ColumnKind kind = kindOf(meta.getColumnType(i), type == null ? "" : type.toLowerCase(Locale.ROOT),
          precision, meta.isSigned(i));
      if (kind == ColumnKind.DECIMAL && type != null && type.equalsIgnoreCase("bigint unsigned")) {
        precision = 20;
        scale = 0;
      }
      columns.add(new ResultColumn(uniqueName(meta.getColumnLabel(i), names), kind, precision, scale, type));
    }
    return columns;
  }

  /**
   * JSON objects and Parquet schemas need distinct names, but SQL allows repeats ({@code SELECT 1, 1}
   * gives two {@code ?column?}): later repeats get a suffix, _2, _3, ...
   */
  private static String uniqueName(String label, Set<String> taken) {
    String name = label;
    for (int n = 2; !taken.add(name); n++) {
      name = label + "_" + n;
    }
    return name;
  }

  static ColumnKind kindOf(int jdbcType, String typeName, int precision, boolean signed) {
    if (typeName.equals("json") || typeName.equals("jsonb")) {
      return ColumnKind.JSON;
    }
    return switch (jdbcType) {
      case Types.BOOLEAN -> ColumnKind.BOOLEAN;
      // PostgreSQL's bool and MySQL's BIT(1) / TINYINT(1) are BIT; longer bit strings stay text.
      case Types.BIT -> typeName.startsWith("bool") || precision <= 1 ? ColumnKind.BOOLEAN : ColumnKind.STRING;
      case Types.TINYINT, Types.SMALLINT -> ColumnKind.INT32;
      // MySQL's unsigned integers overflow the signed type of the same width.
      case Types.INTEGER -> signed ? ColumnKind.INT32 : ColumnKind.INT64;
      case Types.BIGINT -> signed ? ColumnKind.INT64 : ColumnKind.DECIMAL;
      case Types.REAL -> ColumnKind.FLOAT;
      case Types.FLOAT, Types.DOUBLE -> ColumnKind.DOUBLE;
      case Types.NUMERIC, Types.DECIMAL -> ColumnKind.DECIMAL;
      case Types.DATE -> ColumnKind.DATE;
      case Types.TIMESTAMP -> typeName.equals("timestamptz") ? ColumnKind.TIMESTAMPTZ : ColumnKind.TIMESTAMP;
      case Types.TIMESTAMP_WITH_TIMEZONE -> ColumnKind.TIMESTAMPTZ;
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> ColumnKind.BINARY;
      default -> ColumnKind.STRING;
    };
  }
}
