package wiregate.dialect.mysql.catalog;

/** Quoting for the PostgreSQL SQL and the MySQL DDL this package writes. */
final class SqlText {
  private SqlText() {}

  /** A PostgreSQL standard string literal (standard_conforming_strings is on in the engine). */
  static String literal(String value) {
    return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
  }

  /** A PostgreSQL identifier, always double-quoted. */
  static String pgIdentifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** A MySQL identifier in backticks, as SHOW CREATE TABLE prints it. */
  static String backticked(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** A MySQL string literal as SHOW CREATE TABLE prints it: quotes doubled, backslashes escaped. */
  static String mysqlLiteral(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
