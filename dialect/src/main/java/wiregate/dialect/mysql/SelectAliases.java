package wiregate.dialect.mysql;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import wiregate.dialect.mysql.MySqlToken.Kind;

/**
 * Result column names as MySQL gives them (spec 2). PostgreSQL names an unaliased expression
 * {@code ?column?} or after its function; MySQL uses the expression's text as written. So every
 * unaliased expression in the outermost select list gets {@code AS "<text>"}; explicit aliases keep
 * their case through quoting, and ORDER BY / GROUP BY / HAVING references to them are quoted the same
 * way (MySQL compares aliases case-insensitively). Subqueries are left alone: their aliases are folded
 * like any other name, so outer references keep matching.
 */
final class SelectAliases {
  private static final Set<String> NOT_BEFORE_ALIAS = Set.of("COLLATE", "INTERVAL", "BINARY", "NOT", "AND", "OR",
      "IS", "DISTINCT", "WHEN", "THEN", "ELSE", "LIKE", "REGEXP", "RLIKE", "IN", "BETWEEN", "DIV", "MOD", "XOR",
      "AS", "CASE", "SEPARATOR", "ESCAPE", "EXISTS", "SELECT", "ALL", "ANY", "SOME");

  private SelectAliases() {}

  static void apply(SourceStatement s, PgRenderer r) {
    int depth0End = s.size();
    for (int k = 0; k < depth0End; k++) {
      if (s.isSymbol(k, "(") && s.matching(k) > k) {
        k = s.matching(k);
        continue;
      }
      if (s.isWord(k, "SELECT")) {
        k = aliasSelect(s, r, k);
      }
    }
  }

  /** Aliases one select list; returns the index where scanning continues. */
  private static int aliasSelect(SourceStatement s, PgRenderer r, int select) {
    Map<String, String> mixedCase = new HashMap<>();
    List<int[]> items = s.selectItems(select);
    int end = items.isEmpty() ? select + 1 : items.get(items.size() - 1)[1];
    for (int[] item : items) {
      aliasItem(s, r, item[0], item[1], mixedCase);
    }
    if (mixedCase.isEmpty()) {
      return end - 1;
    }
    boolean inReferences = false;
    int k = end;
    for (; k < s.size(); k++) {
      if (s.isSymbol(k, "(") && s.matching(k) > k) {
        k = s.matching(k);
        continue;
      }
      String kw = s.keyword(k);
      if (kw.equals("SELECT") || kw.equals("UNION")) {
        break;
      }
      if (kw.equals("GROUP") || kw.equals("ORDER") || kw.equals("HAVING")) {
        inReferences = true;
        continue;
      }
      MySqlToken t = s.get(k);
      if (inReferences && t.isIdentifier() && !s.isSymbol(k - 1, ".") && !s.isSymbol(k + 1, ".")
          && !s.isSymbol(k + 1, "(")) {
        String quoted = mixedCase.get(t.identifierName());
        if (quoted != null) {
          r.replace(k, quoted);
        }
      }
    }
    return k - 1;
  }

  private static void aliasItem(SourceStatement s, PgRenderer r, int a, int b, Map<String, String> mixedCase) {
    if (a >= b) {
      return;
    }
    MySqlToken last = s.get(b - 1);
    if (b - a >= 3 && s.isWord(b - 2, "AS") && (last.isIdentifier() || last.kind() == Kind.STRING)) {
      explicitAlias(r, b - 1, last, mixedCase, "");
      return;
    }
    if (b - a >= 2 && isBareAlias(s, b - 2, last)) {
      explicitAlias(r, b - 1, last, mixedCase, "AS ");
      return;
    }
    if (isStarOrColumn(s, a, b)) {
      // MySQL labels a column as the query spells it (SELECT ID gives "ID" for column id).
      if (last.isIdentifier()) {
        String written = last.kind() == Kind.QUOTED_IDENTIFIER ? last.value() : last.text();
        if (!written.equals(written.toLowerCase(Locale.ROOT))) {
          r.appendAfter(b - 1, " AS " + PgText.quoted(written));
        }
      }
      return;
    }
    String label = b - a == 1 && last.kind() == Kind.STRING ? last.value() : s.source(a, b);
    r.appendAfter(b - 1, " AS " + PgText.quoted(label));
  }

  /** Where a select item's expression ends: before its alias ({@code AS a} or a bare {@code a}), if any. */
  static int expressionEnd(SourceStatement s, int a, int b) {
    if (b - a >= 3 && s.isWord(b - 2, "AS") && (s.get(b - 1).isIdentifier() || s.get(b - 1).kind() == Kind.STRING)) {
      return b - 2;
    }
    return b - a >= 2 && isBareAlias(s, b - 2, s.get(b - 1)) ? b - 1 : b;
  }

  private static void explicitAlias(PgRenderer r, int index, MySqlToken alias, Map<String, String> mixedCase,
      String prefix) {
    String name = switch (alias.kind()) {
      case WORD -> alias.text();
      default -> alias.value();
    };
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals(name)) {
      r.replace(index, prefix + PgText.identifier(name));
    } else {
      r.replace(index, prefix + PgText.quoted(name));
      mixedCase.put(lower, PgText.quoted(name));
    }
  }

  private static boolean isBareAlias(SourceStatement s, int prevIndex, MySqlToken last) {
    boolean aliasShape = last.kind() == Kind.QUOTED_IDENTIFIER || last.kind() == Kind.STRING
        || (last.kind() == Kind.WORD && !MySqlKeywords.NOT_AN_ALIAS.contains(last.keyword())
            && !MySqlKeywords.INTERVAL_UNITS.contains(last.keyword()));
    if (!aliasShape) {
      return false;
    }
    MySqlToken prev = s.get(prevIndex);
    return switch (prev.kind()) {
      case WORD -> !NOT_BEFORE_ALIAS.contains(prev.keyword()) && !MySqlKeywords.SELECT_MODIFIERS.contains(prev.keyword());
      case QUOTED_IDENTIFIER, NUMBER, PARAMETER, USER_VARIABLE, SYSTEM_VARIABLE, HEX, BIT -> true;
      case STRING -> last.kind() != Kind.STRING;
      case SYMBOL -> prev.text().equals(")");
    };
  }

  /** {@code *}, {@code t.*} and plain column references: PostgreSQL names them after the column. */
  private static boolean isStarOrColumn(SourceStatement s, int a, int b) {
    for (int k = a; k < b; k++) {
      boolean even = (k - a) % 2 == 0;
      MySqlToken t = s.get(k);
      if (even ? !(t.isIdentifier() || t.isSymbol("*")) : !t.isSymbol(".")) {
        return false;
      }
      if (even && t.kind() == Kind.WORD && MySqlKeywords.NOT_AN_ALIAS.contains(t.keyword())) {
        return false;
      }
    }
    return (b - a) % 2 == 1;
  }
}
