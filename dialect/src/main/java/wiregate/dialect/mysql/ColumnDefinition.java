package wiregate.dialect.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import wiregate.core.model.GatewayException;
import wiregate.dialect.mysql.MySqlToken.Kind;

/**
 * One MySQL column definition ({@code name type attributes...}) read into its parts, so CREATE TABLE
 * and ALTER TABLE write the same PostgreSQL for it.
 */
final class ColumnDefinition {
  private static final Set<String> NOW_WORDS = Set.of("CURRENT_TIMESTAMP", "NOW", "LOCALTIME", "LOCALTIMESTAMP");
  /** MySQL string types whose values compare with the character set's collation. */
  private static final Set<String> CHARACTER_TYPES = Set.of("CHAR", "CHARACTER", "NCHAR", "VARCHAR", "NVARCHAR",
      "VARCHARACTER", "NATIONAL", "TEXT", "TINYTEXT", "MEDIUMTEXT", "LONGTEXT");
  /**
   * MySQL's default collation (utf8mb4_0900_ai_ci, case- and accent-insensitive) as the compat schema
   * creates it; string columns use it unless they ask for a binary or case-sensitive collation.
   */
  static final String DEFAULT_COLLATION = "wg_mysql.utf8mb4_0900_ai_ci";

  String name;
  MySqlTypeMapper.Mapped type;
  boolean notNull;
  String defaultExpression;
  boolean autoIncrement;
  boolean primaryKey;
  boolean unique;
  String comment;
  boolean onUpdateNow;
  String generated;
  /** A character column with MySQL's default, case-insensitive collation. */
  boolean caseInsensitive;
  final List<String> checks = new ArrayList<>();

  private ColumnDefinition() {}

  /** Reads the definition in tokens [from, to). */
  static ColumnDefinition read(SourceStatement s, int from, int to, PgRenderer renderer) throws GatewayException {
    ColumnDefinition c = new ColumnDefinition();
    if (!s.get(from).isIdentifier()) {
      throw s.syntaxErrorAt(from);
    }
    c.name = s.get(from).identifierName();
    c.type = MySqlTypeMapper.map(s, from + 1);
    String typeWord = s.keyword(from + 1);
    c.caseInsensitive = CHARACTER_TYPES.contains(typeWord)
        || (typeWord.equals("LONG") && (s.isWord(from + 2, "VARCHAR") || !s.isWord(from + 2, "VARBINARY")));
    if (c.type.autoIncrementImplied()) {
      c.autoIncrement = true;
      c.notNull = true;
      c.unique = true;
    }
    int i = c.type.next();
    while (i < to) {
      String kw = s.keyword(i);
      switch (kw) {
        case "NOT" -> {
          if (!s.isWord(i + 1, "NULL")) {
            throw s.syntaxErrorAt(i);
          }
          c.notNull = true;
          i += 2;
        }
        case "NULL" -> i++;
        case "DEFAULT" -> i = c.readDefault(s, i + 1, to, renderer);
        case "AUTO_INCREMENT" -> {
          c.autoIncrement = true;
          i++;
        }
        case "PRIMARY" -> {
          c.primaryKey = true;
          i += s.isWord(i + 1, "KEY") ? 2 : 1;
        }
        case "KEY" -> {
          c.primaryKey = true;
          i++;
        }
        case "UNIQUE" -> {
          c.unique = true;
          i += s.isWord(i + 1, "KEY") ? 2 : 1;
        }
        case "COMMENT" -> {
          if (i + 1 >= to || s.get(i + 1).kind() != Kind.STRING) {
            throw s.syntaxErrorAt(i + 1);
          }
          c.comment = s.get(i + 1).value();
          i += 2;
        }
        case "ON" -> {
          if (!s.isWord(i + 1, "UPDATE") || !NOW_WORDS.contains(s.keyword(i + 2))) {
            throw s.syntaxErrorAt(i);
          }
          c.onUpdateNow = true;
          i += 3;
          if (s.isSymbol(i, "(")) {
            i = s.matching(i) + 1;
          }
        }
        case "CHARACTER", "CHARSET" -> {
          i += kw.equals("CHARACTER") ? 3 : 2;
          if (s.keyword(i - 1).equals("BINARY")) {
            c.caseInsensitive = false;
          }
        }
        case "COLLATE" -> {
          i += s.isSymbol(i + 1, "=") ? 3 : 2;
          String collation = s.get(i - 1).isIdentifier() ? s.get(i - 1).identifierName()
              : s.get(i - 1).value().toLowerCase(java.util.Locale.ROOT);
          if (collation.equals("binary") || collation.endsWith("_bin") || collation.endsWith("_cs")) {
            c.caseInsensitive = false;
          }
        }
        case "BINARY" -> {
          c.caseInsensitive = false; // VARCHAR(n) BINARY: the _bin collation
          i++;
        }
        case "COLUMN_FORMAT", "STORAGE", "SRID", "ENGINE_ATTRIBUTE", "SECONDARY_ENGINE_ATTRIBUTE" -> {
          i += s.isSymbol(i + 1, "=") ? 3 : 2;
        }
        case "VISIBLE", "INVISIBLE", "SIGNED", "UNSIGNED", "ZEROFILL", "ASCII", "UNICODE" -> i++;
        case "REFERENCES" -> i = skipReferences(s, i + 1, to);
        case "CHECK" -> {
          int close = s.matching(i + 1);
          if (!s.isSymbol(i + 1, "(") || close < 0) {
            throw s.syntaxErrorAt(i + 1);
          }
          c.checks.add("CHECK (" + renderer.render(i + 2, close) + ")");
          i = close + 1;
          if (s.isWord(i, "ENFORCED") || s.words(i, "NOT", "ENFORCED")) {
            i += s.isWord(i, "NOT") ? 2 : 1;
          }
        }
        case "CONSTRAINT" -> i += 2;
        case "GENERATED", "AS" -> {
          int open = kw.equals("GENERATED") ? i + 3 : i + 1;
          if (kw.equals("GENERATED") && !s.words(i, "GENERATED", "ALWAYS", "AS")) {
            throw s.syntaxErrorAt(i);
          }
          int close = s.matching(open);
          if (!s.isSymbol(open, "(") || close < 0) {
            throw s.syntaxErrorAt(open);
          }
          // PostgreSQL (before 18) has stored generated columns only; VIRTUAL ones are stored too.
          c.generated = "GENERATED ALWAYS AS (" + renderer.render(open + 1, close) + ") STORED";
          i = close + 1;
          if (s.isWord(i, "VIRTUAL") || s.isWord(i, "STORED")) {
            i++;
          }
        }
        default -> throw s.syntaxErrorAt(i);
      }
    }
    return c;
  }

  private int readDefault(SourceStatement s, int i, int to, PgRenderer renderer) throws GatewayException {
    if (i >= to) {
      throw s.syntaxErrorAt(i);
    }
    String kw = s.keyword(i);
    if (NOW_WORDS.contains(kw)) {
      int next = i + 1;
      String precision = "";
      if (s.isSymbol(next, "(")) {
        int close = s.matching(next);
        precision = renderer.render(next + 1, close);
        next = close + 1;
      }
      defaultExpression = precision.isEmpty() ? "CURRENT_TIMESTAMP" : "CURRENT_TIMESTAMP(" + precision + ")";
      return next;
    }
    if (s.isSymbol(i, "(")) {
      int close = s.matching(i);
      defaultExpression = "(" + renderer.render(i + 1, close) + ")";
      return close + 1;
    }
    if ((s.isSymbol(i, "-") || s.isSymbol(i, "+")) && i + 1 < to) {
      defaultExpression = s.get(i).text() + s.get(i + 1).text();
      return i + 2;
    }
    if (kw.equals("TRUE") || kw.equals("FALSE")) {
      defaultExpression = kw.equals("TRUE") ? "1" : "0";
      return i + 1;
    }
    defaultExpression = renderer.token(i);
    return i + 1;
  }

  /** MySQL parses and ignores column-level REFERENCES; so does this. */
  private static int skipReferences(SourceStatement s, int i, int to) {
    int k = i;
    while (k < to && (s.get(k).isIdentifier() || s.isSymbol(k, ".")) && !isAttributeStart(s, k)) {
      k++;
    }
    if (s.isSymbol(k, "(")) {
      k = s.matching(k) + 1;
    }
    while (k < to && (s.isWord(k, "ON") || s.isWord(k, "MATCH"))) {
      if (s.isWord(k, "MATCH")) {
        k += 2;
      } else {
        k += 2;
        k += s.isWord(k, "SET") || s.isWord(k, "NO") ? 2 : 1;
      }
    }
    return k;
  }

  private static boolean isAttributeStart(SourceStatement s, int k) {
    return Set.of("NOT", "NULL", "DEFAULT", "ON", "MATCH", "COMMENT").contains(s.keyword(k));
  }

  /** The PostgreSQL type, with MySQL's case-insensitive collation for character columns. */
  String typeWithCollation() {
    return caseInsensitive ? type.pgType() + " COLLATE " + DEFAULT_COLLATION : type.pgType();
  }

  /** The column as PostgreSQL declares it in CREATE TABLE / ADD COLUMN (without key constraints). */
  String declaration(String defaultOverride) {
    StringBuilder b = new StringBuilder(PgText.identifier(name)).append(' ').append(typeWithCollation());
    if (generated != null) {
      b.append(' ').append(generated);
    }
    if (autoIncrement && type.isIdentityCapable()) {
      b.append(" GENERATED BY DEFAULT AS IDENTITY");
    }
    if (notNull || primaryKey) {
      b.append(" NOT NULL");
    }
    String def = defaultOverride != null ? defaultOverride : defaultExpression;
    if (def != null && type.pgType().matches("bit\\(\\d+\\)") && def.matches("\\d+")) {
      def = "CAST(" + def + " AS " + type.pgType() + ")"; // BIT(1) DEFAULT b'0' / DEFAULT 0
    }
    if (def != null && !(autoIncrement && type.isIdentityCapable())) {
      b.append(" DEFAULT ").append(def);
    }
    for (String check : checks) {
      b.append(' ').append(check);
    }
    return b.toString();
  }
}
