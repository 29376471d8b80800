package wiregate.dialect.mysql.catalog;

import java.util.List;
import java.util.Locale;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.dialect.mysql.catalog.Token.Type;

/** Walks the tokens of one statement; failures are MySQL-style syntax errors (SQLSTATE 42601). */
final class TokenCursor {
  private final String text;
  private final List<Token> tokens;
  private int index;

  TokenCursor(String text) {
    this.text = text;
    this.tokens = MySqlTokenizer.tokenize(text);
  }

  String text() {
    return text;
  }

  Token peek() {
    return tokens.get(index);
  }

  Token peek(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  Token next() {
    Token token = tokens.get(index);
    if (token.type() != Type.END) {
      index++;
    }
    return token;
  }

  boolean atEnd() {
    return peek().type() == Type.END;
  }

  /** Consumes the word(s) if they come next, in order. */
  boolean accept(String... words) {
    for (int i = 0; i < words.length; i++) {
      if (!peek(i).isWord(words[i])) {
        return false;
      }
    }
    index += words.length;
    return true;
  }

  boolean acceptSymbol(String symbol) {
    if (peek().isSymbol(symbol)) {
      index++;
      return true;
    }
    return false;
  }

  void expect(String word) throws GatewayException {
    if (!accept(word)) {
      throw syntaxError();
    }
  }

  void expectSymbol(String symbol) throws GatewayException {
    if (!acceptSymbol(symbol)) {
      throw syntaxError();
    }
  }

  /**
   * An identifier, folded to lower case as lower_case_table_names=1 does for database, table and
   * column names.
   */
  String identifier() throws GatewayException {
    Token token = peek();
    if (!token.isIdentifier()) {
      throw syntaxError();
    }
    index++;
    return token.value().toLowerCase(Locale.ROOT);
  }

  /** A string literal's value (for LIKE patterns and the like). */
  String string() throws GatewayException {
    Token token = peek();
    if (token.type() != Type.STRING) {
      throw syntaxError();
    }
    index++;
    return token.value();
  }

  long unsignedNumber() throws GatewayException {
    Token token = peek();
    if (token.type() != Type.NUMBER || !token.value().chars().allMatch(Character::isDigit)) {
      throw syntaxError();
    }
    index++;
    try {
      return Long.parseLong(token.value());
    } catch (NumberFormatException e) {
      throw syntaxError();
    }
  }

  /** The raw text from the current token to the end, without a trailing semicolon; consumes it all. */
  String restOfStatement() {
    int start = peek().start();
    index = tokens.size() - 1;
    return stripTrailingSemicolon(text.substring(start));
  }

  /**
   * Raw text of an expression running to the next top-level comma or the end, consumed. Empty when
   * there is nothing there.
   */
  Expression expressionUntilComma() {
    int first = index;
    int depth = 0;
    while (!atEnd()) {
      Token token = peek();
      if (depth == 0 && (token.isSymbol(",") || token.isSymbol(";"))) {
        break;
      }
      if (token.isSymbol("(")) {
        depth++;
      } else if (token.isSymbol(")")) {
        depth--;
      }
      index++;
    }
    List<Token> parts = tokens.subList(first, index);
    String raw = parts.isEmpty() ? "" : text.substring(parts.get(0).start(), parts.get(parts.size() - 1).end());
    return new Expression(raw, List.copyOf(parts));
  }

  /** Allows one trailing semicolon, then requires the end. */
  void expectEnd() throws GatewayException {
    acceptSymbol(";");
    if (!atEnd()) {
      throw syntaxError();
    }
  }

  GatewayException syntaxError() {
    return syntaxErrorAt(peek().start());
  }

  GatewayException syntaxErrorAt(int offset) {
    String near = stripTrailingSemicolon(text.substring(Math.min(offset, text.length())));
    if (near.length() > 80) {
      near = near.substring(0, 80);
    }
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return new GatewayException(GatewayError.error("42601",
        "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version"
            + " for the right syntax to use near '" + near + "' at line " + line));
  }

  private static String stripTrailingSemicolon(String s) {
    String trimmed = s.strip();
    while (trimmed.endsWith(";")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
    }
    return trimmed;
  }

  /** An expression's raw text and its tokens (to recognise plain constants). */
  record Expression(String raw, List<Token> tokens) {
    boolean isEmpty() {
      return tokens.isEmpty();
    }
  }
}
