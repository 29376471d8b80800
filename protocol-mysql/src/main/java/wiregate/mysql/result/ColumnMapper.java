package wiregate.mysql.result;

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
  // MySQL column types (include/field_types.h)
  public static final int TYPE_DECIMAL = 0;
  public static final int TYPE_TINY = 1;
  public static final int TYPE_SHORT = 2;
  public static final int TYPE_LONG = 3;
  public static final int TYPE_FLOAT = 4;
  public static final int TYPE_DOUBLE = 5;
  public static final int TYPE_NULL = 6;
  public static final int TYPE_TIMESTAMP = 7;
  public static final int TYPE_LONGLONG = 8;
  public static final int TYPE_INT24 = 9;
  public static final int TYPE_DATE = 10;
  public static final int TYPE_TIME = 11;
  public static final int TYPE_DATETIME = 12;
  public static final int TYPE_YEAR = 13;
  public static final int TYPE_VARCHAR = 15;
  public static final int TYPE_BIT = 16;
  public static final int TYPE_JSON = 245;
  public static final int TYPE_NEWDECIMAL = 246;
  public static final int TYPE_ENUM = 247;
  public static final int TYPE_SET = 248;
  public static final int TYPE_TINY_BLOB = 249;
  public static final int TYPE_MEDIUM_BLOB = 250;
  public static final int TYPE_LONG_BLOB = 251;
  public static final int TYPE_BLOB = 252;
  public static final int TYPE_VAR_STRING = 253;
  public static final int TYPE_STRING = 254;

  // Column definition flags
  public static final int NOT_NULL = 1;
  public static final int PRI_KEY = 2;
  public static final int UNIQUE_KEY = 4;
  public static final int MULTIPLE_KEY = 8;
  public static final int BLOB = 16;
  public static final int UNSIGNED = 32;
  public static final int BINARY = 128;
  public static final int ENUM = 256;
  public static final int AUTO_INCREMENT = 512;
  public static final int TIMESTAMP = 1024;
  public static final int SET = 2048;
  public static final int NUM = 32768;

  /** utf8mb4_0900_ai_ci, MySQL 8's default collation. */
  public static final int UTF8MB4 = 255;
  public static final int BINARY_COLLATION = 63;
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
      case 16 -> col(c, TYPE_TINY, BINARY_COLLATION, 1, NUM, 0, ValueConversion.BOOLEAN);
      case 21 -> col(c, TYPE_SHORT, BINARY_COLLATION, 6, NUM, 0, ValueConversion.AS_IS);
      case 23, 26 -> col(c, TYPE_LONG, BINARY_COLLATION, 11, NUM, 0, ValueConversion.AS_IS);
      case 20 -> col(c, TYPE_LONGLONG, BINARY_COLLATION, 20, NUM, 0, ValueConversion.AS_IS);
      case 700 -> col(c, TYPE_FLOAT, BINARY_COLLATION, 12, NUM, NOT_FIXED_DEC, ValueConversion.AS_IS);
      case 701 -> col(c, TYPE_DOUBLE, BINARY_COLLATION, 22, NUM, NOT_FIXED_DEC, ValueConversion.AS_IS);
      case 1700 -> numeric(c, mod);
      case 17 -> col(c, TYPE_BLOB, BINARY_COLLATION, 65535, BLOB | BINARY, 0, ValueConversion.BYTEA_HEX);
      case 1042 -> col(c, TYPE_STRING, collation, chars(mod, 1), 0, 0, ValueConversion.RTRIM);
      case 1043 -> col(c, TYPE_VAR_STRING, collation, chars(mod, 65535), 0, 0, ValueConversion.AS_IS);
      case 25, 19, 18, 705 -> col(c, TYPE_BLOB, collation, 65535L * MAX_BYTES_PER_CHAR, BLOB, 0,
          ValueConversion.AS_IS);
      case 1082 -> col(c, TYPE_DATE, BINARY_COLLATION, 10, BINARY, 0, ValueConversion.AS_IS);
      case 1083 -> time(c, TYPE_TIME, 10, mod, ValueConversion.AS_IS);
      case 1266 -> time(c, TYPE_TIME, 10, mod, ValueConversion.STRIP_OFFSET);
      case 1114 -> time(c, TYPE_DATETIME, 19, mod, ValueConversion.AS_IS);
      case 1184 -> time(c, TYPE_TIMESTAMP, 19, mod, ValueConversion.STRIP_OFFSET);
      case 114, 3802 -> col(c, TYPE_JSON, BINARY_COLLATION, 4294967295L, BLOB | BINARY, 0, ValueConversion.AS_IS);
      case 1560, 1562 -> col(c, TYPE_BIT, BINARY_COLLATION, mod > 0 ? mod : 1, 0, 0, ValueConversion.BIT_STRING);
      default -> col(c, TYPE_VAR_STRING, collation, 65535L * MAX_BYTES_PER_CHAR, 0, 0, ValueConversion.AS_IS);
    };
  }

  private static ResultColumn numeric(Column c, int mod) {
    if (mod < 4) { // numeric without precision: report what MySQL reports for a computed DECIMAL
      return col(c, TYPE_NEWDECIMAL, BINARY_COLLATION, 67, NUM, NOT_FIXED_DEC, ValueConversion.AS_IS);
    }
    int precision = ((mod - 4) >> 16) & 0xffff;
    int scale = (mod - 4) & 0xffff;
    long length = precision + (scale > 0 ? 1 : 0) + 1;
    return col(c, TYPE_NEWDECIMAL, BINARY_COLLATION, length, NUM, scale, ValueConversion.AS_IS);
  }

  private static ResultColumn time(Column c, int type, int baseLength, int mod, ValueConversion conversion) {
    int fsp = mod >= 0 ? Math.min(mod, 6) : 0;
    long length = fsp > 0 ? baseLength + 1 + fsp : baseLength;
    int flags = BINARY | (type == TYPE_TIMESTAMP ? TIMESTAMP : 0);
    return col(c, type, BINARY_COLLATION, length, flags, fsp, conversion);
  }

  private static long chars(int mod, int unknown) {
    int n = mod >= 4 ? mod - 4 : unknown;
    return (long) n * MAX_BYTES_PER_CHAR;
  }

  private static ResultColumn col(Column c, int type, int collation, long length, int flags, int decimals,
      ValueConversion conversion) {
    return new ResultColumn(new ColumnDefinition("", "", "", c.name(), "", collation, length, type, flags,
        decimals), conversion);
  }
}
