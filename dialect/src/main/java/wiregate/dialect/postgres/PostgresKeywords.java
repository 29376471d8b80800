package wiregate.dialect.postgres;

import java.util.Locale;

/** Reads the leading keywords of a statement, skipping whitespace, comments and opening parentheses. */
final class PostgresKeywords {
  private PostgresKeywords() {}

  static int skipSpaceAndComments(String text, int i) {
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (text.startsWith("--", i)) {
        i = PostgresStatementSplitter.skipLineComment(text, i + 2);
      } else if (text.startsWith("/*", i)) {
        i = PostgresStatementSplitter.skipBlockComment(text, i + 2);
      } else {
        break;
      }
    }
    return i;
  }

  /** The first word, upper-cased, or "(" for a parenthesised query, or "" when there is none. */
  static String firstWord(String text) {
    return word(text, 0);
  }

  /** The n-th word (0-based) of the statement, upper-cased. */
  static String word(String text, int index) {
    int i = 0;
    String word = "";
    for (int k = 0; k <= index; k++) {
      i = skipSpaceAndComments(text, i);
      if (i >= text.length()) {
        return "";
      }
      if (text.charAt(i) == '(') {
        word = "(";
        i++;
        continue;
      }
      int start = i;
      while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
        i++;
      }
      if (i == start) {
        return "";
      }
      word = text.substring(start, i).toUpperCase(Locale.ROOT);
    }
    return word;
  }
}
