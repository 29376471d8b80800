package wiregate.dialect.mysql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values written into columns (INSERT, UPDATE ... SET) whose PostgreSQL type does not take what MySQL
 * stores in them as it is: BIT(n) takes integers and binary strings, BINARY(n) pads short values
 * with 0x00 bytes, and a character column takes a byte string (X'41', or a literal the dialect
 * writes as bytea: see BinaryText) as the text those bytes spell, where PostgreSQL's assignment
 * would store the bytea's {@code \x..} spelling instead; bytes that are no UTF-8 text (NUL, which
 * PostgreSQL text cannot hold) fail as MySQL's "Incorrect string value". The column's type comes
 * from the catalog ({@code format_type} text).
 */
final class ColumnValues {
  private static final Pattern BIT = Pattern.compile("bit\\((\\d+)\\)");
  private static final Pattern BINARY = Pattern.compile("(?:wg_mysql\\.)?\"binary\\((\\d+)\\)\"");
  /** Character types and the text domains (TINYTEXT.., ENUM, SET) as format_type writes them. */
  private static final Pattern CHARACTER = Pattern.compile(
      "character varying(\\(\\d+\\))?|character\\(\\d+\\)|text|(?:wg_mysql\\.)?(tinytext|mediumtext|longtext|\"(enum|set)\\(.*)");
  private static final Pattern BYTEA_LITERAL = Pattern.compile("'\\\\x[0-9a-f]*'::bytea");

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
    if (BYTEA_LITERAL.matcher(value).matches() && CHARACTER.matcher(pgType).matches()) {
      return "convert_from(" + value + ", 'UTF8')";
    }
    return value;
  }
}
