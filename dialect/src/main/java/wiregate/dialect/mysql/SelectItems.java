package wiregate.dialect.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import wiregate.core.mysql.MySqlStatement.SelectItem;
import wiregate.dialect.mysql.MySqlToken.Kind;

/**
 * What MySQL reports for the computed columns of a SELECT that PostgreSQL's result description does
 * not say: a column that can never be NULL carries NOT_NULL (the mariadb/mysql CLI pads nullable
 * columns to at least 4 characters for "NULL"), and a literal's display length and decimals. Only
 * what the item's text proves: literals, + - * of such, parentheses, and functions that never
 * return NULL (COUNT, NOW, ...). A UNION (other branches) or WITH ROLLUP (NULL super-aggregate
 * rows) proves nothing.
 */
final class SelectItems {
  /** Functions MySQL types as NOT NULL whatever their arguments, with or without parentheses. */
  private static final Set<String> NEVER_NULL_FUNCTIONS = Set.of("COUNT", "NOW", "CURRENT_TIMESTAMP", "LOCALTIME",
      "LOCALTIMESTAMP", "SYSDATE", "CURDATE", "CURRENT_DATE", "CURTIME", "CURRENT_TIME", "UTC_TIMESTAMP", "UTC_DATE",
      "UTC_TIME", "CONNECTION_ID", "VERSION", "PI", "UUID");
  /** Of those, the ones MySQL also accepts without parentheses. */
  private static final Set<String> BARE_NEVER_NULL = Set.of("CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP",
      "CURRENT_DATE", "CURRENT_TIME");
  private static final Set<String> PROVES_NOTHING = Set.of("UNION", "INTERSECT", "EXCEPT", "ROLLUP");

  private SelectItems() {}

  /**
   * The items of the outer select list starting at {@code select}, up to the first {@code *} (its
   * columns are not known here).
   *
   * @param assigned per item, the user variable it assigns ({@link SelectAssignments}), or empty
   */
  static List<SelectItem> describe(SourceStatement s, int select, List<String> assigned) {
    boolean provable = true;
    for (int k = select; k < s.size(); k++) {
      if (s.isSymbol(k, "(") && s.matching(k) > k) {
        k = s.matching(k);
      } else if (PROVES_NOTHING.contains(s.keyword(k))) {
        provable = false;
      }
    }
    List<int[]> items = s.selectItems(select);
    List<SelectItem> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      int a = items.get(i)[0];
      int b = SelectAliases.expressionEnd(s, a, items.get(i)[1]);
      if (a < b && s.isSymbol(b - 1, "*") && (b - a == 1 || s.isSymbol(b - 2, "."))) {
        break;
      }
      String variable = i < assigned.size() ? assigned.get(i) : null;
      if (variable != null) {
        a += 2; // @v :=
      }
      SelectItem item = provable && a < b && notNull(s, a, b) ? literal(s, a, b) : SelectItem.UNKNOWN;
      out.add(item.withAssignedUserVariable(variable));
    }
    return out;
  }

  /** A not-null item, with the display length and decimals of a lone (signed) numeric or string literal. */
  private static SelectItem literal(SourceStatement s, int a, int b) {
    boolean negative = b - a == 2 && s.isSymbol(a, "-");
    if (b - a == 1 || negative) {
      MySqlToken t = s.get(b - 1);
      if (t.kind() == Kind.NUMBER && t.text().matches("\\d+(\\.\\d*)?")) {
        int point = t.text().indexOf('.');
        int decimals = point < 0 ? 0 : t.text().length() - point - 1;
        // MySQL counts a decimal literal's sign position even when it is positive
        int chars = t.text().length() + (negative || point >= 0 ? 1 : 0) - (point >= 0 && decimals == 0 ? 1 : 0);
        return new SelectItem(null, true, chars, decimals);
      }
      if (t.kind() == Kind.STRING && !negative) {
        return new SelectItem(null, true, t.value().codePointCount(0, t.value().length()), -1);
      }
    }
    return new SelectItem(null, true, -1, -1);
  }

  /** The tokens [a, b) are an expression that is never NULL. */
  private static boolean notNull(SourceStatement s, int a, int b) {
    int k = a;
    while (k < b) {
      while (k < b && (s.isSymbol(k, "-") || s.isSymbol(k, "+"))) {
        k++; // unary sign
      }
      int next = operandEnd(s, k, b);
      if (next < 0) {
        return false;
      }
      k = next;
      if (k == b) {
        return true;
      }
      if (!(s.isSymbol(k, "+") || s.isSymbol(k, "-") || s.isSymbol(k, "*"))) {
        return false;
      }
      k++;
    }
    return false;
  }

  /** Where a never-NULL operand starting at {@code k} ends, or -1 when it is not one. */
  private static int operandEnd(SourceStatement s, int k, int b) {
    if (k >= b) {
      return -1;
    }
    MySqlToken t = s.get(k);
    switch (t.kind()) {
      case NUMBER, STRING, HEX, BIT -> {
        return k + 1;
      }
      case SYMBOL -> {
        int close = s.matching(k);
        return t.isSymbol("(") && close > k && close < b && notNull(s, k + 1, close) ? close + 1 : -1;
      }
      case WORD -> {
        String word = t.keyword();
        if (word.equals("TRUE") || word.equals("FALSE")) {
          return k + 1;
        }
        if (!NEVER_NULL_FUNCTIONS.contains(word)) {
          return -1;
        }
        if (k + 1 < b && s.isSymbol(k + 1, "(") && s.matching(k + 1) > k + 1 && s.matching(k + 1) < b) {
          int close = s.matching(k + 1);
          // COUNT(x) is never NULL; the others only without an argument (NOW(6) is fine too: a number)
          boolean args = close == k + 2 || word.equals("COUNT")
              || (close == k + 3 && s.get(k + 2).kind() == Kind.NUMBER);
          return args ? close + 1 : -1;
        }
        return BARE_NEVER_NULL.contains(word) ? k + 1 : -1;
      }
      default -> {
        return -1;
      }
    }
  }
}
