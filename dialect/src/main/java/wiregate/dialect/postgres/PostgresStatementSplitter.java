package wiregate.dialect.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits PostgreSQL SQL text at top-level semicolons, the way the server's lexer sees them: quoted
 * strings ('...', E'...' with backslash escapes, "..."), dollar quotes ($tag$...$tag$), line comments
 * and nested block comments never end a statement. Parenthesised semicolons (e.g. inside CREATE RULE)
 * do not split either. JSQLParser is not used here because it rejects much valid PostgreSQL, and a
 * pass-through gateway must split what it cannot parse.
 */
public final class PostgresStatementSplitter {
  private PostgresStatementSplitter() {}

  /**
   * A statement's text, trimmed, the character offset where it starts in the original text, and the
   * highest {@code $n} parameter placeholder in it.
   */
  public record Piece(String sql, int offset, int parameterCount) {}

  /** The statements, trimmed, with empty statements dropped. */
  public static List<Piece> split(String text) {
    List<Piece> out = new ArrayList<>();
    int start = 0;
    int depth = 0;
    int parameters = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\'') {
        boolean escapes = isEscapeStringPrefix(text, i);
        i = skipQuoted(text, i + 1, '\'', escapes);
      } else if (c == '"') {
        i = skipQuoted(text, i + 1, '"', false);
      } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        i = skipLineComment(text, i + 2);
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        i = skipBlockComment(text, i + 2);
      } else if (c == '$' && !isIdentifierChar(text, i - 1)) {
        int number = parameterNumber(text, i);
        if (number > 0) {
          parameters = Math.max(parameters, number);
          i++;
        } else {
          i = skipDollarQuoted(text, i);
        }
      } else if (c == '(') {
        depth++;
        i++;
      } else if (c == ')') {
        depth = Math.max(0, depth - 1);
        i++;
      } else if (c == ';' && depth == 0) {
        add(out, text, start, i, parameters);
        i++;
        start = i;
        parameters = 0;
      } else {
        i++;
      }
    }
    add(out, text, start, n, parameters);
    return out;
  }

  private static void add(List<Piece> out, String text, int start, int end, int parameters) {
    String statement = text.substring(start, end);
    if (!isBlank(statement)) {
      int lead = 0;
      while (Character.isWhitespace(statement.charAt(lead))) {
        lead++;
      }
      out.add(new Piece(statement.strip(), start + lead, parameters));
    }
  }

  /** True when the text has nothing but whitespace and comments. */
  public static boolean isBlank(String text) {
    return PostgresKeywords.skipSpaceAndComments(text, 0) >= text.length();
  }

  private static boolean isEscapeStringPrefix(String text, int quote) {
    return quote > 0 && (text.charAt(quote - 1) == 'E' || text.charAt(quote - 1) == 'e')
        && !isIdentifierChar(text, quote - 2);
  }

  private static boolean isIdentifierChar(String text, int i) {
    if (i < 0) {
      return false;
    }
    char c = text.charAt(i);
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  private static int skipQuoted(String text, int i, char quote, boolean backslashEscapes) {
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < n && text.charAt(i + 1) == quote) {
          i += 2; // doubled quote stays inside the literal
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return n;
  }

  static int skipLineComment(String text, int i) {
    int nl = text.indexOf('\n', i);
    return nl < 0 ? text.length() : nl + 1;
  }

  static int skipBlockComment(String text, int i) {
    int depth = 1;
    int n = text.length();
    while (i < n && depth > 0) {
      if (text.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (text.startsWith("*/", i)) {
        depth--;
        i += 2;
      } else {
        i++;
      }
    }
    return i;
  }

  /** The n of a {@code $n} placeholder starting at i, or 0 when it is not one. */
  private static int parameterNumber(String text, int i) {
    int j = i + 1;
    while (j < text.length() && Character.isDigit(text.charAt(j))) {
      j++;
    }
    if (j == i + 1 || j - i > 6) {
      return 0;
    }
    return Integer.parseInt(text.substring(i + 1, j));
  }

  private static int skipDollarQuoted(String text, int i) {
    int n = text.length();
    int j = i + 1;
    while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
      j++;
    }
    if (j >= n || text.charAt(j) != '$' || (j > i + 1 && Character.isDigit(text.charAt(i + 1)))) {
      return i + 1; // a positional parameter like $1, not a dollar quote
    }
    String tag = text.substring(i, j + 1);
    int end = text.indexOf(tag, j + 1);
    return end < 0 ? n : end + tag.length();
  }
}
