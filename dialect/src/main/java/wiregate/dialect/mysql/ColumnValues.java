package wiregate.dialect.mysql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values written into columns (INSERT, UPDATE ... SET) whose PostgreSQL type does not take what MySQL
 * stores in them as it is: BIT(n) takes integers and binary strings, BINARY(n) pads short values
 * with 0x00 bytes. The column's type comes from the catalog ({@code format_type} text).
 */
final class ColumnValues {
  private static final Pattern BIT = Pattern.compile("bit\\((\\d+)\\)");
  private static final Pattern BINARY = Pattern.compile("(?:wg_mysql\\.)?\"binary\\((\\d+)\\)\"");

  private ColumnValues() {}

  /**
   * @param value the rendered value (not DEFAULT)
   * @param pgType the column's type, or null when unknown
   * @param parameter the value is one placeholder: MySQL clients send BIT values as binary strings
   */
  static String forColumn(String value, String pgType, boolean parameter) {
    if (pgType == null) {
      return value;
    }
    Matcher bit = BIT.matcher(pgType);
    if (bit.matches()) {
      return "wg_mysql.bits(" + (parameter ? "CAST(" + value + " AS bytea)" : value) + ", " + bit.group(1) + ")";
    }
    Matcher binary = BINARY.matcher(pgType);
    if (binary.matches()) {
      return "wg_mysql.pad_binary(" + value + ", " + binary.group(1) + ")";
    }
    return value;
  }
}
