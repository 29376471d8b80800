package wiregate.mysql.result;

import wiregate.mysql.codec.ColumnDefinition41;
import wiregate.mysql.codec.Collations;
import wiregate.mysql.codec.ColumnFlags;
import wiregate.mysql.codec.ColumnType;
import java.util.ArrayList;
import java.util.List;
import wiregate.core.model.Column;

/**
 * Describes engine (PostgreSQL) result columns in MySQL terms: type code, display length, flags,
 * decimals and character set, as MySQL 8 reports them for the equivalent MySQL type. When the column
 * comes from a table, {@link ColumnOrigins} refines it (the MySQL type a wg_mysql domain records,
 * NOT NULL, keys, AUTO_INCREMENT).
 */
public final class ColumnMapper {
  /** MySQL's NOT_FIXED_DEC: floating-point columns report 31 decimals. */
  private static final int NOT_FIXED_DEC = 31;
  private static final int MAX_BYTES_PER_CHAR = 4;

  private ColumnMapper() {}

  public static List<ResultColumn> map(List<Column> columns, int collation) {
    List<ResultColumn> out = new ArrayList<>(columns.size());
    for (Column c : columns) {
      out.add(map(c, collation));
    }
    return out;
  }

  /** Maps one engine column by its type alone. */
  public static ResultColumn map(Column c, int collation) {
    int mod = c.typeModifier();
    return switch (c.typeOid()) {
      case 16 -> col(c, ColumnType.TINY, Collations.BINARY, 1, ColumnFlags.NUM, 0, ValueConversion.BOOLEAN);
      case 21 -> col(c, ColumnType.SHORT, Collations.BINARY, 6, ColumnFlags.NUM, 0, ValueConversion.AS_IS);
      case 23, 26 -> col(c, ColumnType.LONG, Collations.BINARY, 11, ColumnFlags.NUM, 0, ValueConversion.AS_IS);
      case 20 -> col(c, ColumnType.LONGLONG, Collations.BINARY, 20, ColumnFlags.NUM, 0, ValueConversion.AS_IS);
      case 700 -> col(c, ColumnType.FLOAT, Collations.BINARY, 12, ColumnFlags.NUM, NOT_FIXED_DEC, ValueConversion.AS_IS);
      case 701 -> col(c, ColumnType.DOUBLE, Collations.BINARY, 22, ColumnFlags.NUM, NOT_FIXED_DEC, ValueConversion.AS_IS);
      case 1700 -> numeric(c, mod);
      case 17 -> col(c, ColumnType.BLOB, Collations.BINARY, 65535, ColumnFlags.BLOB | ColumnFlags.BINARY, 0, ValueConversion.BYTEA_HEX);
      case 1042 -> col(c, ColumnType.STRING, collation, chars(mod, 1), 0, 0, ValueConversion.RTRIM);
      case 1043 -> col(c, ColumnType.VAR_STRING, collation, chars(mod, 65535), 0, 0, ValueConversion.AS_IS);
      case 25, 19, 18, 705 -> col(c, ColumnType.BLOB, collation, 65535L * MAX_BYTES_PER_CHAR, ColumnFlags.BLOB, 0,
          ValueConversion.AS_IS);
      case 1082 -> col(c, ColumnType.DATE, Collations.BINARY, 10, ColumnFlags.BINARY, 0, ValueConversion.AS_IS);
      case 1083 -> time(c, ColumnType.TIME, 10, mod, ValueConversion.AS_IS);
      case 1266 -> time(c, ColumnType.TIME, 10, mod, ValueConversion.STRIP_OFFSET);
      case 1114 -> time(c, ColumnType.DATETIME, 19, mod, ValueConversion.AS_IS);
      case 1184 -> time(c, ColumnType.TIMESTAMP, 19, mod, ValueConversion.STRIP_OFFSET);
      case 114, 3802 -> col(c, ColumnType.JSON, Collations.BINARY, 4294967295L, ColumnFlags.BLOB | ColumnFlags.BINARY, 0, ValueConversion.AS_IS);
      case 1560, 1562 -> col(c, ColumnType.BIT, Collations.BINARY, mod > 0 ? mod : 1, 0, 0, ValueConversion.BIT_STRING);
      default -> col(c, ColumnType.VAR_STRING, collation, 65535L * MAX_BYTES_PER_CHAR, 0, 0, ValueConversion.AS_IS);
    };
  }

  private static ResultColumn numeric(Column c, int mod) {
    if (mod < 4) { // numeric without precision: report what MySQL reports for a computed DECIMAL
      return col(c, ColumnType.NEWDECIMAL, Collations.BINARY, 67, ColumnFlags.NUM, NOT_FIXED_DEC, ValueConversion.AS_IS);
    }
    int precision = ((mod - 4) >> 16) & 0xffff;
    int scale = (mod - 4) & 0xffff;
    long length = precision + (scale > 0 ? 1 : 0) + 1;
    return col(c, ColumnType.NEWDECIMAL, Collations.BINARY, length, ColumnFlags.NUM, scale, ValueConversion.AS_IS);
  }

  private static ResultColumn time(Column c, int type, int baseLength, int mod, ValueConversion conversion) {
    int fsp = mod >= 0 ? Math.min(mod, 6) : 0;
    long length = fsp > 0 ? baseLength + 1 + fsp : baseLength;
    int flags = ColumnFlags.BINARY | (type == ColumnType.TIMESTAMP ? ColumnFlags.TIMESTAMP : 0);
    return col(c, type, Collations.BINARY, length, flags, fsp, conversion);
  }

  private static long chars(int mod, int unknown) {
    int n = mod >= 4 ? mod - 4 : unknown;
    return (long) n * MAX_BYTES_PER_CHAR;
  }

  private static ResultColumn col(Column c, int type, int collation, long length, int flags, int decimals,
      ValueConversion conversion) {
    return new ResultColumn(new ColumnDefinition41("", "", "", c.name(), "", collation, length, type, flags,
        decimals), conversion);
  }
}
