package wiregate.mysql.errors;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import wiregate.core.model.GatewayError;

/**
 * Where in the client's text an engine syntax error lies, for MySQL's "... near '<rest of the
 * statement>' at line <n>". PostgreSQL's position points into the translated statement; the token it
 * names is found again in the client's text by counting: the k-th occurrence of that token in the
 * engine's statement is taken to be the k-th in the client's (translation keeps the order of the
 * tokens a parser stumbles on); a token the translation added is placed after the last client token
 * before it. "At end of input" is the end of the client's text.
 */
final class SyntaxErrorNear {
  /** MySQL quotes at most this many characters of the statement (ER_PARSE_ERROR's %-.80s). */
  static final int MAX_NEAR = 80;
  private static final Pattern AT_OR_NEAR = Pattern.compile("^syntax error at or near \"(.*)\"$");

  /** The quoted text and its line. */
  record Near(String text, int line) {}

  private SyntaxErrorNear() {}

  static Near find(GatewayError error, String clientText, String engineSql) {
    if (clientText == null || error.message() == null) {
      return null;
    }
    if (error.message().equals("syntax error at end of input")) {
      String trimmed = clientText.stripTrailing();
      return new Near("", lineOf(trimmed, trimmed.length()));
    }
    Matcher m = AT_OR_NEAR.matcher(error.message());
    if (!m.matches() || error.position() == null || engineSql == null) {
      return null;
    }
    String token = m.group(1).toLowerCase(Locale.ROOT);
    int offset = error.position() - 1;
    List<SqlTokens.Token> client = SqlTokens.of(clientText);
    Map<String, Integer> seen = new HashMap<>();
    SqlTokens.Token lastMatched = null;
    for (SqlTokens.Token t : SqlTokens.of(engineSql)) {
      if (t.start() >= offset) {
        break;
      }
      String text = t.text().toLowerCase(Locale.ROOT);
      SqlTokens.Token same = occurrence(client, text, seen.merge(text, 1, Integer::sum) - 1);
      if (same != null && (lastMatched == null || same.start() > lastMatched.start())) {
        lastMatched = same;
      }
    }
    SqlTokens.Token same = occurrence(client, token, seen.getOrDefault(token, 0));
    if (same != null) {
      return at(clientText, same.start());
    }
    if (lastMatched == null) {
      return null;
    }
    // The engine stumbled on something the translation added (an alias after an incomplete
    // expression, say): MySQL's parser stops after the last token the client wrote.
    int after = lastMatched.end();
    while (after < clientText.length() && Character.isWhitespace(clientText.charAt(after))) {
      after++;
    }
    return at(clientText, after);
  }

  private static SqlTokens.Token occurrence(List<SqlTokens.Token> tokens, String text, int index) {
    int remaining = index;
    for (SqlTokens.Token t : tokens) {
      if (t.text().equalsIgnoreCase(text) && remaining-- == 0) {
        return t;
      }
    }
    return null;
  }

  /** The rest of {@code text} from {@code offset}, as MySQL quotes it. */
  static Near at(String text, int offset) {
    String rest = text.substring(offset);
    return new Near(rest.length() > MAX_NEAR ? rest.substring(0, MAX_NEAR) : rest, lineOf(text, offset));
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
