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
 * from the catalog ({@code format_type} text). Without strict mode a value too long for a CHAR(n) or
 * VARCHAR(n) column is cut to fit with MySQL's warning 1265 ({@code wg_mysql.fit_text}), where
 * PostgreSQL would refuse it.
 */
final class ColumnValues {
  private static final Pattern BIT = Pattern.compile("bit\\((\\d+)\\)");
  private static final Pattern BINARY = Pattern.compile("(?:wg_mysql\\.)?\"binary\\((\\d+)\\)\"");
  /** Character types and the text domains (TINYTEXT.., ENUM, SET) as format_type writes them. */
  private static final Pattern CHARACTER = Pattern.compile(
      "character varying(\\(\\d+\\))?|character\\(\\d+\\)|text|(?:wg_mysql\\.)?(tinytext|mediumtext|longtext|\"(enum|set)\\(.*)");
  private static final Pattern SIZED_CHARACTER = Pattern.compile("character varying\\((\\d+)\\)|character\\((\\d+)\\)");
  private static final Pattern BYTEA_LITERAL = Pattern.compile("'\\\\x[0-9a-f]*'::bytea");

  private ColumnValues() {}

  /**
   * Where a value goes, for MySQL's non-strict truncation warning "Data truncated for column 'c' at
   * row n".
   */
  record Target(String column, int row) {}

  /**
   * @param value the rendered value (not DEFAULT)
   * @param pgType the column's type, or null when unknown
   * @param parameter the value is one placeholder: MySQL clients send BIT values as binary strings
   * @param nonStrict where the value goes when sql_mode is not strict, or null in strict mode
   */
  static String forColumn(String value, String pgType, boolean parameter, Target nonStrict) {
    String converted = converted(value, pgType, parameter);
    Matcher sized = nonStrict == null || pgType == null ? null : SIZED_CHARACTER.matcher(pgType);
    if (sized == null || !sized.matches()) {
      return converted;
    }
    String n = sized.group(1) != null ? sized.group(1) : sized.group(2);
    return "wg_mysql.fit_text(CAST(" + converted + " AS text), " + n + ", " + PgText.literal(nonStrict.column())
        + ", " + nonStrict.row() + ")";
  }

  private static String converted(String value, String pgType, boolean parameter) {
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
