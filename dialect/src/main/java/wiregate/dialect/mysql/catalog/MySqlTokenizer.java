package wiregate.dialect.mysql.catalog;

import java.util.ArrayList;
import java.util.List;
import wiregate.dialect.mysql.catalog.Token.Type;

/**
 * Splits one MySQL statement into tokens, enough for the small grammars of SET, USE, SHOW and
 * DESCRIBE. Follows MySQL's lexer where it matters here: {@code -- } needs a space after the dashes,
 * {@code #} comments, {@code /*! ... *}{@code /} executable comments whose content counts as SQL,
 * strings in single or double quotes with backslash escapes and doubled quotes, `backticks`.
 */
final class MySqlTokenizer {
  private final String text;
  private int pos;
  /** Inside a {@code /*!} comment: its closing {@code *}{@code /} is skipped like whitespace. */
  private boolean inExecutableComment;

  private MySqlTokenizer(String text) {
    this.text = text;
  }

  /** The tokens of {@code text}, always ending with one END token. */
  static List<Token> tokenize(String text) {
    return new MySqlTokenizer(text).run();
  }

  private List<Token> run() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      skipSpaceAndComments();
      if (pos >= text.length()) {
        tokens.add(new Token(Type.END, "", text.length(), text.length()));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private void skipSpaceAndComments() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '#') {
        skipToEndOfLine();
      } else if (c == '-' && text.startsWith("--", pos)
          && (pos + 2 >= text.length() || Character.isWhitespace(text.charAt(pos + 2))
              || Character.isISOControl(text.charAt(pos + 2)))) {
        skipToEndOfLine();
      } else if (text.startsWith("/*!", pos)) {
        pos += 3;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
          pos++; // the version number of /*!80000 ... */
        }
        inExecutableComment = true;
      } else if (text.startsWith("/*", pos)) {
        int close = text.indexOf("*/", pos + 2);
        pos = close < 0 ? text.length() : close + 2;
      } else if (inExecutableComment && text.startsWith("*/", pos)) {
        inExecutableComment = false;
        pos += 2;
      } else {
        return;
      }
    }
  }

  private void skipToEndOfLine() {
    int newline = text.indexOf('\n', pos);
    pos = newline < 0 ? text.length() : newline + 1;
  }

  private Token next() {
    int start = pos;
    char c = text.charAt(pos);
    if (c == '\'' || c == '"') {
      return new Token(Type.STRING, readQuoted(c, true), start, pos);
    }
    if (c == '`') {
      return new Token(Type.QUOTED_IDENTIFIER, readQuoted('`', false), start, pos);
    }
    if ((c == 'x' || c == 'X' || c == 'b' || c == 'B') && pos + 1 < text.length() && text.charAt(pos + 1) == '\'') {
      pos++;
      readQuoted('\'', false);
      return new Token(Type.BINARY_LITERAL, text.substring(start, pos), start, pos);
    }
    if ((c == 'n' || c == 'N') && pos + 1 < text.length() && text.charAt(pos + 1) == '\'') {
      pos++;
      String value = readQuoted('\'', true);
      return new Token(Type.STRING, value, start, pos);
    }
    if (c == '0' && pos + 1 < text.length() && (text.charAt(pos + 1) == 'x' || text.charAt(pos + 1) == 'b')
        && pos + 2 < text.length() && Character.isLetterOrDigit(text.charAt(pos + 2))) {
      pos += 2;
      while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
        pos++;
      }
      return new Token(Type.BINARY_LITERAL, text.substring(start, pos), start, pos);
    }
    if (Character.isDigit(c) || c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
      return readNumberOrWord(start);
    }
    if (isWordChar(c)) {
      while (pos < text.length() && isWordChar(text.charAt(pos))) {
        pos++;
      }
      String word = text.substring(start, pos);
      // _utf8mb4'text': the character set introducer is dropped.
      if (word.startsWith("_") && pos < text.length() && (text.charAt(pos) == '\'' || text.charAt(pos) == '"')) {
        String value = readQuoted(text.charAt(pos), true);
        return new Token(Type.STRING, value, start, pos);
      }
      return new Token(Type.WORD, word, start, pos);
    }
    for (String symbol : new String[] {"<=>", "@@", ":=", "<=", ">=", "<>", "!=", "||", "&&", "<<", ">>"}) {
      if (text.startsWith(symbol, pos)) {
        pos += symbol.length();
        return new Token(Type.SYMBOL, symbol, start, pos);
      }
    }
    pos++;
    return new Token(Type.SYMBOL, String.valueOf(c), start, pos);
  }

  private Token readNumberOrWord(int start) {
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    if (pos < text.length() && isWordChar(text.charAt(pos)) && text.charAt(pos) != 'e' && text.charAt(pos) != 'E') {
      // MySQL identifiers may start with digits (e.g. a table named 1t).
      while (pos < text.length() && isWordChar(text.charAt(pos))) {
        pos++;
      }
      return new Token(Type.WORD, text.substring(start, pos), start, pos);
    }
    if (pos < text.length() && text.charAt(pos) == '.') {
      pos++;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      int mark = pos;
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
          pos++;
        }
      } else {
        pos = mark;
      }
    }
    return new Token(Type.NUMBER, text.substring(start, pos), start, pos);
  }

  /** Reads a quoted run starting at the opening quote; doubled quotes and (optionally) backslash escapes. */
  private String readQuoted(char quote, boolean backslashEscapes) {
    StringBuilder value = new StringBuilder();
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == quote) {
        if (pos + 1 < text.length() && text.charAt(pos + 1) == quote) {
          value.append(quote);
          pos += 2;
          continue;
        }
        pos++;
        return value.toString();
      }
      if (c == '\\' && backslashEscapes && pos + 1 < text.length()) {
        value.append(unescape(text.charAt(pos + 1)));
        pos += 2;
        continue;
      }
      value.append(c);
      pos++;
    }
    return value.toString(); // unterminated: the parser reports the syntax error at END
  }

  private static String unescape(char c) {
    return switch (c) {
      case '0' -> "\0";
      case 'b' -> "\b";
      case 'n' -> "\n";
      case 'r' -> "\r";
      case 't' -> "\t";
      case 'Z' -> "\u001a";
      case '%' -> "\\%"; // kept escaped: meaningful to LIKE
      case '_' -> "\\_";
      default -> String.valueOf(c);
    };
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 0x7f;
  }
}
