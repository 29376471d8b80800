package wiregate.mysql.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens of a PostgreSQL statement, with their offsets and parenthesis depth: just enough lexing
 * to tell where an engine error's position lies (which clause, which VALUES item). Literals, quoted
 * identifiers and comments are single tokens, so their contents never look like keywords.
 */
final class SqlTokens {
  enum Kind { WORD, QUOTED_IDENTIFIER, STRING, NUMBER, SYMBOL }

  /** One token: {@code start} and {@code end} are character offsets, {@code depth} the parentheses around it. */
  record Token(Kind kind, String text, int start, int end, int depth) {
    boolean isWord(String word) {
      return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(char c) {
      return kind == Kind.SYMBOL && text.length() == 1 && text.charAt(0) == c;
    }

    /** An identifier as PostgreSQL folds it: unquoted lower-cased, quoted as written. */
    String identifier() {
      return kind == Kind.QUOTED_IDENTIFIER ? text.substring(1, text.length() - 1).replace("\"\"", "\"")
          : text.toLowerCase(Locale.ROOT);
    }
  }

  private SqlTokens() {}

  static List<Token> of(String sql) {
    List<Token> tokens = new ArrayList<>();
    int depth = 0;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      int start = i;
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
        continue;
      }
      Kind kind;
      if (c == '\'' || ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'')) {
        boolean backslashes = c != '\'';
        i = endOfQuoted(sql, c == '\'' ? i : i + 1, '\'', backslashes);
        kind = Kind.STRING;
      } else if (c == '"') {
        i = endOfQuoted(sql, i, '"', false);
        kind = Kind.QUOTED_IDENTIFIER;
      } else if (c == '$' && i + 1 < n && (sql.charAt(i + 1) == '$' || Character.isLetter(sql.charAt(i + 1)))) {
        int tagEnd = sql.indexOf('$', i + 1);
        String tag = tagEnd < 0 ? null : sql.substring(i, tagEnd + 1);
        if (tag != null && tag.substring(1, tag.length() - 1).chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')) {
          int close = sql.indexOf(tag, tagEnd + 1);
          i = close < 0 ? n : close + tag.length();
          kind = Kind.STRING;
        } else {
          i++;
          kind = Kind.SYMBOL;
        }
      } else if (Character.isLetter(c) || c == '_') {
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
          i++;
        }
        kind = Kind.WORD;
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
          i++;
        }
        kind = Kind.NUMBER;
      } else {
        i++;
        kind = Kind.SYMBOL;
      }
      if (c == ')') {
        depth = Math.max(0, depth - 1);
      }
      tokens.add(new Token(kind, sql.substring(start, i), start, i, depth));
      if (c == '(') {
        depth++;
      }
    }
    return tokens;
  }

  private static int endOfQuoted(String sql, int open, char quote, boolean backslashes) {
    int i = open + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (backslashes && c == '\\') {
        i += 2;
        continue;
      }
      if (c == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }
}
