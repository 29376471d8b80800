package wiregate.dialect.mysql;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import wiregate.core.model.GatewayException;
import wiregate.dialect.mysql.MySqlToken.Kind;

/**
 * Writes a range of MySQL tokens as PostgreSQL text, applying the expression-level rules: literals
 * and identifiers in PostgreSQL form, placeholders numbered, variables replaced by their values,
 * MySQL-only operators and keywords rewritten, MySQL functions mapped (see {@link FunctionRewriter}).
 * Statement translators decide the structure and call {@link #render} for the pieces they keep.
 */
final class PgRenderer {
  private static final Set<String> PARENTHESISED_KEYWORDS = Set.of("IN", "EXISTS", "AS", "ON", "USING", "INTO",
      "KEY", "INDEX", "JOIN", "FROM", "AND", "OR", "NOT", "WHERE", "SELECT", "ANY", "ALL", "SOME", "UNION",
      "THEN", "ELSE", "WHEN", "OVER", "FILTER", "TABLE", "BY", "LATERAL", "RECURSIVE");
  private static final Set<String> BOOLEAN_PREDECESSORS = Set.of("WHERE", "AND", "OR", "NOT", "ON", "HAVING",
      "WHEN", "IS");
  private static final Set<String> BOOLEAN_SUCCESSORS = Set.of("AND", "OR", "THEN");
  /** Units after which DATE_ADD of a DATE gives a DATE. */
  static final Set<String> DAY_OR_LONGER_UNITS = Set.of("DAY", "WEEK", "MONTH", "QUARTER", "YEAR", "YEAR_MONTH");
  /** Typed literals (DATE '2024-01-31') that form one operand. */
  private static final Set<String> TYPED_LITERALS = Set.of("DATE", "TIME", "TIMESTAMP");

  /** A deterministic collation, for operations PostgreSQL refuses under a nondeterministic one. */
  static final String DETERMINISTIC = "pg_catalog.\"default\"";
  private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", ">", "<=", ">=", "<=>");

  /** Where the catalog package installs MySQL's information_schema views. */
  static final String INFORMATION_SCHEMA_VIEWS = "wg_mysql_is";

  private final SourceStatement s;
  private final SessionValues session;
  private final int[] parameterNumbers;
  private final int parameterCount;
  private final Map<Integer, String> replacements = new HashMap<>();
  private final Map<Integer, String> suffixes = new HashMap<>();
  private final Set<Integer> dropped = new HashSet<>();
  private final FunctionRewriter functions;
  /** Inside ON DUPLICATE KEY UPDATE: VALUES(col) and the row alias mean the proposed row. */
  private boolean insertValuesAsExcluded;
  private String insertRowAlias;

  PgRenderer(SourceStatement s, SessionValues session) {
    this.s = s;
    this.session = session;
    this.parameterNumbers = new int[s.size()];
    int n = 0;
    for (int i = 0; i < s.size(); i++) {
      if (s.get(i).kind() == Kind.PARAMETER) {
        parameterNumbers[i] = ++n;
      }
    }
    this.parameterCount = n;
    this.functions = new FunctionRewriter(this, s, session);
  }

  int parameterCount() {
    return parameterCount;
  }

  SourceStatement statement() {
    return s;
  }

  void replace(int index, String text) {
    replacements.put(index, text);
  }

  void appendAfter(int index, String text) {
    suffixes.merge(index, text, String::concat);
  }

  void drop(int index) {
    dropped.add(index);
  }

  void insertValuesAsExcluded(boolean on, String rowAlias) {
    this.insertValuesAsExcluded = on;
    this.insertRowAlias = rowAlias == null ? null : rowAlias.toLowerCase(Locale.ROOT);
  }

  /** The whole statement. */
  String render() throws GatewayException {
    return render(0, s.size());
  }

  /** Tokens [from, to) as PostgreSQL text. */
  String render(int from, int to) throws GatewayException {
    StringBuilder out = new StringBuilder();
    int i = from;
    while (i < to) {
      int pieceStart = out.length();
      i = renderItem(out, i, to);
      while (i < to) {
        // MySQL's DIV binds like '*': rewrite "a DIV b" over the primaries on either side.
        if (s.isWord(i, "DIV")) {
          String left = out.substring(pieceStart).trim();
          out.setLength(pieceStart);
          StringBuilder right = new StringBuilder();
          i = renderItem(right, i + 1, to);
          append(out, "wg_mysql.intdiv(" + left + ", " + right.toString().trim() + ")", pieceStart > 0);
          continue;
        }
        // "d + INTERVAL n unit" is DATE_ADD: a DATE stays a DATE for units of a day or longer.
        int unit = (s.isSymbol(i, "+") || s.isSymbol(i, "-")) && s.isWord(i + 1, "INTERVAL")
            ? intervalUnit(i + 2, to) : -1;
        if (unit < 0 || pieceStart == out.length()) {
          break;
        }
        String left = out.substring(pieceStart).trim();
        out.setLength(pieceStart);
        String interval = interval(i + 2, unit);
        if (s.isSymbol(i, "-")) {
          interval = "-(" + interval + ")";
        }
        append(out, dateAdd(s.keyword(unit)) + "(" + left + ", " + interval + ")", pieceStart > 0);
        i = unit + 1;
      }
      String suffix = suffixes.get(i - 1);
      if (suffix != null) {
        out.append(suffix);
      }
    }
    return out.toString().trim();
  }

  /** Renders one item starting at i (a token, a call, a group or a qualified name); returns the next index. */
  private int renderItem(StringBuilder out, int i, int to) throws GatewayException {
    MySqlToken t = s.get(i);
    boolean space = t.spaceBefore();
    if (dropped.contains(i)) {
      return i + 1;
    }
    String replacement = replacements.get(i);
    if (replacement != null) {
      append(out, replacement, space);
      return i + 1;
    }
    if (t.isIdentifier() && s.isSymbol(i + 1, ".") && i + 2 < to
        && (s.get(i + 2).isIdentifier() || s.isSymbol(i + 2, "*"))) {
      return qualifiedName(out, i, to);
    }
    if (t.kind() == Kind.WORD && s.isSymbol(i + 1, "(") && !PARENTHESISED_KEYWORDS.contains(t.keyword())) {
      int close = s.matching(i + 1);
      if (close > 0 && close < to) {
        String call = functions.rewrite(t.keyword(), i, close);
        if (call == null && insertValuesAsExcluded && t.isWord("VALUES")) {
          call = "EXCLUDED." + render(i + 2, close);
        }
        if (call == null) {
          call = t.text() + "(" + render(i + 2, close) + ")";
        }
        append(out, call, space);
        return close + 1;
      }
    }
    if (t.isSymbol("(")) {
      int close = s.matching(i);
      if (close > 0 && close < to) {
        append(out, "(" + render(i + 1, close) + ")", space);
        return close + 1;
      }
    }
    if (t.kind() == Kind.WORD && TYPED_LITERALS.contains(t.keyword()) && i + 1 < to
        && s.get(i + 1).kind() == Kind.STRING) {
      append(out, t.keyword() + " " + token(i + 1), space);
      return i + 2;
    }
    if (t.kind() == Kind.WORD) {
      int next = keyword(out, i, to);
      if (next >= 0) {
        return next;
      }
    }
    append(out, token(i), space);
    return i + 1;
  }

  private int qualifiedName(StringBuilder out, int i, int to) throws GatewayException {
    StringBuilder name = new StringBuilder();
    int k = i;
    boolean first = true;
    if (insertRowAlias != null && s.get(i).identifierName().equals(insertRowAlias)) {
      name.append("EXCLUDED");
      k = i + 1;
      first = false;
    }
    while (k < to) {
      if (!first) {
        if (!s.isSymbol(k, ".") || k + 1 >= to) {
          break;
        }
        name.append('.');
        k++;
      }
      MySqlToken part = s.get(k);
      if (part.isSymbol("*")) {
        name.append('*');
        k++;
        break;
      }
      if (!part.isIdentifier()) {
        break;
      }
      String partName = part.identifierName();
      if (first && partName.equals("information_schema")) {
        // MySQL's information_schema is emulated by views in their own schema (catalog package).
        partName = INFORMATION_SCHEMA_VIEWS;
      }
      name.append(replacements.getOrDefault(k, PgText.identifier(partName)));
      k++;
      first = false;
    }
    append(out, name.toString(), s.get(i).spaceBefore());
    return k;
  }

  /** Keyword rules; returns the next index, or -1 when the word is written as it is. */
  private int keyword(StringBuilder out, int i, int to) throws GatewayException {
    MySqlToken t = s.get(i);
    boolean space = t.spaceBefore();
    String kw = t.keyword();
    switch (kw) {
      case "LIKE" -> {
        // MySQL's default collation makes LIKE case-insensitive; LIKE BINARY is case-sensitive.
        boolean binary = s.isWord(i + 1, "BINARY");
        append(out, binary ? "LIKE" : "ILIKE", space);
        return patternOperand(out, binary ? i + 2 : i + 1, to);
      }
      case "REGEXP", "RLIKE" -> {
        append(out, "~*", space);
        return patternOperand(out, i + 1, to);
      }
      case "NOT" -> {
        if (s.isWord(i + 1, "REGEXP") || s.isWord(i + 1, "RLIKE")) {
          append(out, "!~*", space);
          return patternOperand(out, i + 2, to);
        }
        return -1;
      }
      case "MOD" -> {
        append(out, "%", space);
        return i + 1;
      }
      case "XOR" -> throw MySqlSyntaxErrors.unsupported("The XOR operator");
      case "TRUE", "FALSE" -> {
        // MySQL's TRUE is the number 1; PostgreSQL needs a boolean only where a condition stands.
        boolean operand = i > 0 && s.get(i - 1).kind() == Kind.SYMBOL && !s.isSymbol(i - 1, "(");
        boolean booleanContext = BOOLEAN_PREDECESSORS.contains(s.keyword(i - 1))
            || (!operand && BOOLEAN_SUCCESSORS.contains(s.keyword(i + 1)));
        append(out, booleanContext ? kw : (kw.equals("TRUE") ? "1" : "0"), space);
        return i + 1;
      }
      case "FROM" -> {
        if (s.isWord(i + 1, "DUAL")) {
          return i + 2;
        }
        return -1;
      }
      case "DISTINCTROW" -> {
        append(out, "DISTINCT", space);
        return i + 1;
      }
      case "STRAIGHT_JOIN" -> {
        boolean modifier = s.isWord(i - 1, "SELECT") || MySqlKeywords.SELECT_MODIFIERS.contains(s.keyword(i - 1));
        if (!modifier) {
          append(out, "JOIN", space);
        }
        return i + 1;
      }
      case "USE", "FORCE", "IGNORE" -> {
        if (s.isWord(i + 1, "INDEX") || s.isWord(i + 1, "KEY")) {
          int open = i + 2;
          while (open < to && !s.isSymbol(open, "(")) {
            open++;
          }
          int close = s.matching(open);
          return close > 0 ? close + 1 : to;
        }
        return -1;
      }
      case "LIMIT" -> {
        if (i + 3 < to && s.isSymbol(i + 2, ",")) {
          append(out, "LIMIT " + token(i + 3) + " OFFSET " + token(i + 1), space);
          return i + 4;
        }
        return -1;
      }
      case "LOCK" -> {
        if (s.words(i, "LOCK", "IN", "SHARE", "MODE")) {
          append(out, "FOR SHARE", space);
          return i + 4;
        }
        return -1;
      }
      case "INTERVAL" -> {
        int unit = intervalUnit(i + 1, to);
        if (unit > 0) {
          append(out, interval(i + 1, unit), space);
          return unit + 1;
        }
        return -1;
      }
      case "BINARY" -> {
        return i + 1;
      }
      case "COLLATE" -> {
        return i + 2;
      }
      case "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "UTC_TIMESTAMP",
          "UTC_DATE", "UTC_TIME", "CURRENT_USER" -> {
        String call = functions.rewrite(kw, i, -1);
        append(out, call == null ? t.text() : call, space);
        return i + 1;
      }
      default -> {
        if (MySqlKeywords.DROPPED_SELECT_MODIFIERS.contains(kw)) {
          return i + 1;
        }
        return -1;
      }
    }
  }

  /** The compat function that adds an interval of this unit as MySQL's DATE_ADD does. */
  static String dateAdd(String unit) {
    return DAY_OR_LONGER_UNITS.contains(unit) ? "wg_mysql.date_add" : "wg_mysql.datetime_add";
  }

  /**
   * The pattern of LIKE / REGEXP, under the deterministic default collation: PostgreSQL (before 18)
   * refuses pattern matching under a nondeterministic collation such as the one MySQL string columns
   * get, and an explicit collation on one operand decides (ILIKE and ~* ignore case themselves).
   */
  private int patternOperand(StringBuilder out, int i, int to) throws GatewayException {
    if (i >= to) {
      return i;
    }
    boolean space = s.get(i).spaceBefore();
    StringBuilder pattern = new StringBuilder();
    int next = renderItem(pattern, i, to);
    append(out, "(" + pattern.toString().trim() + " COLLATE " + DETERMINISTIC + ")", space);
    return next;
  }

  /** The index of the unit word that ends an INTERVAL expression starting at i, or -1. */
  int intervalUnit(int i, int to) {
    for (int k = i; k < to; k++) {
      if (s.isSymbol(k, "(")) {
        k = Math.max(k, s.matching(k));
        continue;
      }
      if (k > i && MySqlKeywords.INTERVAL_UNITS.contains(s.keyword(k))) {
        return k;
      }
      if (s.isSymbol(k, ",") || s.isSymbol(k, ")")) {
        return -1;
      }
    }
    return -1;
  }

  /** {@code INTERVAL expr unit} (expr in [from, unit)) as a PostgreSQL interval expression. */
  String interval(int from, int unit) throws GatewayException {
    String unitName = s.keyword(unit);
    if (unitName.contains("_")) {
      if (unit - from == 1 && s.get(from).kind() == Kind.STRING) {
        return "INTERVAL " + PgText.literal(IntervalUnits.compound(s.get(from).value(), unitName));
      }
      throw MySqlSyntaxErrors.unsupported("INTERVAL with a computed " + unitName + " value");
    }
    String amount = render(from, unit);
    return "(" + amount + ") * INTERVAL '" + IntervalUnits.one(unitName) + "'";
  }

  /** One token in PostgreSQL form. */
  String token(int i) throws GatewayException {
    MySqlToken t = s.get(i);
    String replacement = replacements.get(i);
    if (replacement != null) {
      return replacement;
    }
    return switch (t.kind()) {
      case WORD -> word(i);
      case QUOTED_IDENTIFIER -> PgText.identifier(t.value());
      case STRING -> {
        if (s.isWord(i - 1, "AS")) {
          yield PgText.quoted(t.value().toLowerCase(Locale.ROOT));
        }
        if (BinaryText.needsBytes(t.value())) {
          yield PgText.bytea(BinaryText.hex(t.value()));
        }
        // Two string literals compare under MySQL's default collation (columns carry it themselves).
        boolean literalComparison = i + 2 < s.size() && s.get(i + 1).kind() == Kind.SYMBOL
            && COMPARISONS.contains(s.get(i + 1).text()) && s.get(i + 2).kind() == Kind.STRING;
        yield literalComparison ? PgText.literal(t.value()) + " COLLATE " + ColumnDefinition.DEFAULT_COLLATION
            : PgText.literal(t.value());
      }
      case NUMBER -> t.text();
      case HEX -> PgText.bytea(t.value());
      // MySQL's b'..' is a binary string that reads as its number in arithmetic and comparisons (the
      // common uses); BIT columns take numbers (see ColumnValues).
      case BIT -> t.value().isEmpty() ? "0" : new java.math.BigInteger(t.value(), 2).toString();
      case PARAMETER -> "$" + parameterNumbers[i];
      case USER_VARIABLE -> {
        if (s.isSymbol(i + 1, ":=")) {
          throw MySqlSyntaxErrors.unsupported("Assigning user variables inside expressions (:=)");
        }
        yield session.userVariable(t.value());
      }
      case SYSTEM_VARIABLE -> session.systemVariable(t.value());
      case SYMBOL -> symbol(i);
    };
  }

  private String word(int i) {
    MySqlToken t = s.get(i);
    String lower = t.text().toLowerCase(Locale.ROOT);
    boolean namePosition = s.isSymbol(i - 1, ".") || s.isSymbol(i + 1, ".") || s.isWord(i - 1, "AS")
        || Set.of("FROM", "JOIN", "INTO", "UPDATE", "TABLE").contains(s.keyword(i - 1));
    if (namePosition && PgText.PG_ONLY_RESERVED.contains(lower)) {
      return PgText.quoted(lower);
    }
    return t.text();
  }

  private String symbol(int i) throws GatewayException {
    MySqlToken t = s.get(i);
    return switch (t.text()) {
      case "||" -> "OR";
      case "&&" -> "AND";
      case "!" -> "NOT";
      case "^" -> "#";
      case "<=>" -> "IS NOT DISTINCT FROM";
      case ":=" -> throw MySqlSyntaxErrors.unsupported("Assignment with := in expressions");
      case "->", "->>" -> {
        if (i + 1 < s.size() && s.get(i + 1).kind() == Kind.STRING) {
          replacements.put(i + 1, PgText.literal(JsonPaths.toPgPath(s.get(i + 1).value())));
        }
        yield t.text().equals("->") ? "#>" : "#>>";
      }
      default -> t.text();
    };
  }

  /** Appends a piece, with a space where the source had one or where the pieces would run together. */
  static void append(StringBuilder out, String piece, boolean spaceBefore) {
    if (piece.isEmpty()) {
      return;
    }
    if (out.length() > 0) {
      char last = out.charAt(out.length() - 1);
      char first = piece.charAt(0);
      if ((spaceBefore && last != ' ' && last != '(') || runTogether(last, first)) {
        out.append(' ');
      }
    }
    out.append(piece);
  }

  private static boolean runTogether(char a, char b) {
    return (wordish(a) && wordish(b)) || (operatorChar(a) && operatorChar(b));
  }

  private static boolean wordish(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '"' || c == '\'';
  }

  private static boolean operatorChar(char c) {
    return "+-*/<>=~!@#%^&|`?".indexOf(c) >= 0;
  }
}
