package wiregate.dialect.mysql.catalog;

import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import wiregate.core.model.GatewayException;

/**
 * The optional {@code LIKE 'pattern'} or {@code WHERE expr} tail of a SHOW statement. LIKE matches
 * the SHOW's first column, case-insensitively (names compare that way with lower_case_table_names=1
 * and for variables). WHERE is a MySQL expression over the SHOW's column names; the translator turns
 * it into PostgreSQL, where the columns are the lower-case names of the SHOW's columns.
 */
final class ShowFilter {
  static final ShowFilter NONE = new ShowFilter(null, null);

  private final String like;
  private final String pgWhere;
  /**
   * LIKE as a regex, compiled once: SHOW VARIABLES LIKE tests every variable (170) against it, and
   * compiling per test made that statement cost a millisecond and 300 KB of garbage.
   */
  private final Pattern likePattern;

  ShowFilter(String like, String pgWhere) {
    this.like = like;
    this.pgWhere = pgWhere;
    this.likePattern = like == null ? null : likePattern(like);
  }

  String like() {
    return like;
  }

  String pgWhere() {
    return pgWhere;
  }

  static ShowFilter parse(TokenCursor cursor, Function<String, String> expressionTranslator) throws GatewayException {
    if (cursor.accept("LIKE")) {
      return new ShowFilter(cursor.string(), null);
    }
    if (cursor.accept("WHERE")) {
      String expression = cursor.restOfStatement();
      if (expression.isEmpty()) {
        throw cursor.syntaxError();
      }
      return new ShowFilter(null, expressionTranslator.apply(expression));
    }
    return NONE;
  }

  boolean isNone() {
    return like == null && pgWhere == null;
  }

  /** The condition on {@code column} (a PostgreSQL expression) for the engine, or "true". */
  String pgCondition(String likeColumn) {
    if (like != null) {
      return likeColumn + " ILIKE " + SqlText.literal(like);
    }
    return pgWhere != null ? "(" + pgWhere + ")" : "true";
  }

  /** MySQL LIKE semantics in Java: % and _ wildcards, backslash escapes, any case. */
  boolean matches(String value) {
    return likePattern == null || likePattern.matcher(value).matches();
  }

  static Pattern likePattern(String like) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < like.length(); i++) {
      char c = like.charAt(i);
      if (c == '\\' && i + 1 < like.length()) {
        regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
  }

  /** The lower-case name a SHOW column has inside the engine query, quoted for PostgreSQL. */
  static String innerName(String mysqlColumn) {
    return SqlText.pgIdentifier(mysqlColumn.toLowerCase(Locale.ROOT));
  }
}
