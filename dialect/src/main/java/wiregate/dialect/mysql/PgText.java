package wiregate.dialect.mysql;

import java.util.Locale;
import java.util.Set;

/** Writing PostgreSQL literals and identifiers. */
final class PgText {
  /** PostgreSQL reserved words that MySQL lets users name tables and columns with, unquoted. */
  static final Set<String> PG_ONLY_RESERVED = Set.of("analyse", "array", "asymmetric", "authorization",
      "collation", "concurrently", "current_catalog", "current_role", "current_schema", "do", "end",
      "freeze", "ilike", "isnull", "notnull", "offset", "only", "overlaps", "placing", "returning",
      "session_user", "similar", "symmetric", "user", "variadic", "verbose", "window", "tablesample",
      "lateral", "fetch", "none", "some", "cast");

  private PgText() {}

  /** A standard-conforming string literal; NUL (MySQL's \0) cannot be stored by PostgreSQL text. */
  static String literal(String value) {
    if (value.indexOf('\0') >= 0) {
      return "E'" + value.replace("\\", "\\\\").replace("'", "''").replace("\0", "\\000") + "'";
    }
    return "'" + value.replace("'", "''") + "'";
  }

  /**
   * Always double-quoted, so any name survives (reserved words, spaces, case). A NUL cannot be part
   * of a PostgreSQL name (nor of the protocol message carrying it): it is written as {@code \0}.
   */
  static String quoted(String name) {
    return "\"" + name.replace("\0", "\\0").replace("\"", "\"\"") + "\"";
  }

  /** The name folded to lower case (lower_case_table_names=1) and quoted only when PostgreSQL needs it. */
  static String identifier(String name) {
    String folded = name.toLowerCase(Locale.ROOT);
    if (folded.matches("[a-z_][a-z0-9_]*") && !PG_ONLY_RESERVED.contains(folded)
        && !MySqlKeywords.QUOTE_AS_NAME.contains(folded)) {
      return folded;
    }
    return quoted(folded);
  }

  static String bytea(String hexDigits) {
    String digits = hexDigits.length() % 2 == 1 ? "0" + hexDigits : hexDigits;
    return "'\\x" + digits.toLowerCase(Locale.ROOT) + "'::bytea";
  }
}
