package wiregate.dialect.mysql;

import java.util.Set;

/**
 * Tells whether a MySQL SELECT is a plain read that may safely run twice (see
 * {@code Statement.rerunnable}): it calls no function but well-known pure ones, and writes, locks and
 * assigns nothing on the engine. The test is deliberately narrow: a statement it refuses only loses a
 * shortcut, while one it wrongly accepts could repeat a side effect.
 */
final class RerunnableSelect {
  /** Words a parenthesis follows in SQL syntax rather than in a function call. */
  private static final Set<String> SYNTAX_BEFORE_PARENTHESIS = Set.of("SELECT", "FROM", "JOIN", "ON", "USING",
      "WHERE", "AND", "OR", "XOR", "NOT", "IN", "EXISTS", "ANY", "ALL", "SOME", "BETWEEN", "LIKE", "IS", "CASE",
      "WHEN", "THEN", "ELSE", "HAVING", "BY", "UNION", "DISTINCT", "INTERVAL", "OVER", "INDEX", "KEY", "ROW",
      "DIV", "MOD");
  /** Functions without side effects, as MySQL names them (the translator maps them to pure ones). */
  private static final Set<String> PURE_FUNCTIONS = Set.of("COUNT", "SUM", "AVG", "MIN", "MAX", "CAST",
      "COALESCE", "IFNULL", "NULLIF", "IF", "CONCAT", "CONCAT_WS", "UPPER", "LOWER", "UCASE", "LCASE", "LENGTH",
      "CHAR_LENGTH", "CHARACTER_LENGTH", "OCTET_LENGTH", "SUBSTRING", "SUBSTR", "LEFT", "RIGHT", "TRIM", "LTRIM",
      "RTRIM", "REPLACE", "REVERSE", "LPAD", "RPAD", "ABS", "ROUND", "FLOOR", "CEIL", "CEILING", "SIGN",
      "GREATEST", "LEAST", "NOW", "CURDATE", "CURRENT_DATE", "CURRENT_TIMESTAMP", "DATE", "YEAR", "MONTH", "DAY",
      "HOUR", "MINUTE", "SECOND", "GROUP_CONCAT", "ROW_NUMBER", "RANK", "DENSE_RANK");
  /** Words that make a statement more than a read, wherever they stand. */
  private static final Set<String> NOT_A_READ = Set.of("INTO", "INSERT", "UPDATE", "DELETE", "CALL", "WITH",
      "LOCK", "FOR", "PROCEDURE");

  private RerunnableSelect() {}

  static boolean test(SourceStatement s) {
    if (!s.isWord(0, "SELECT")) {
      return false;
    }
    for (int i = 0; i < s.size(); i++) {
      MySqlToken token = s.get(i);
      String word = token.keyword();
      if (NOT_A_READ.contains(word)) {
        return false;
      }
      if (s.isSymbol(i + 1, "(") && !pureOrSyntax(s, i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the token before a parenthesis is syntax or an unqualified pure function's name. */
  private static boolean pureOrSyntax(SourceStatement s, int i) {
    MySqlToken token = s.get(i);
    if (token.kind() != MySqlToken.Kind.WORD) {
      // A symbol (an operator or comma) opens a sub-expression; a backticked name is a call.
      return token.kind() == MySqlToken.Kind.SYMBOL;
    }
    String word = token.keyword();
    return SYNTAX_BEFORE_PARENTHESIS.contains(word) || PURE_FUNCTIONS.contains(word) && !s.isSymbol(i - 1, ".");
  }
}
