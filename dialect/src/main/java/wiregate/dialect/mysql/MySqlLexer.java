package wiregate.dialect.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import wiregate.core.model.GatewayException;
import wiregate.dialect.mysql.MySqlToken.Kind;

/**
 * MySQL's lexical rules, which JSQLParser does not follow exactly: backslash escapes in strings,
 * "double quoted" strings (ANSI_QUOTES off), `backticks`, {@code #} and {@code -- } comments,
 * executable comments whose content is SQL ({@code /*! ... *}{@code /}), charset introducers and
 * adjacent string literals that MySQL joins into one.
 */
public final class MySqlLexer {
  /** The version executable comments are compared with: {@code /*!80041 ...} is skipped. */
  private static final int SERVER_VERSION_NUMBER = 80040;
  private static final String[] SYMBOLS = {"<=>", "->>", "<=", ">=", "<>", "!=", ":=", "||", "&&", "<<",
      ">>", "->"};
  private static final Set<String> CHARSET_INTRODUCERS = Set.of("_utf8mb4", "_utf8mb3", "_utf8", "_latin1",
      "_ascii", "_binary", "_utf16", "_utf16le", "_utf32", "_ucs2", "_cp1252", "_gbk", "_big5", "_sjis");

  private final String text;
  private final List<MySqlToken> tokens = new ArrayList<>();
  private int pos;
  private int executableCommentDepth;
  private boolean spaceBefore;

  private MySqlLexer(String text) {
    this.text = text;
  }

  public static List<MySqlToken> lex(String text) throws GatewayException {
    MySqlLexer lexer = new MySqlLexer(text);
    lexer.run();
    return joinAdjacentStrings(lexer.tokens);
  }

  private void run() throws GatewayException {
    int n = text.length();
    while (pos < n) {
      char c = text.charAt(pos);
      if (Character.isWhitespace(c)) {
        pos++;
        spaceBefore = true;
      } else if (c == '#') {
        skipToEndOfLine();
      } else if (c == '-' && startsWith("--") && (pos + 2 >= n || text.charAt(pos + 2) <= ' ')) {
        skipToEndOfLine();
      } else if (c == '/' && startsWith("/*")) {
        blockComment();
      } else if (c == '*' && startsWith("*/") && executableCommentDepth > 0) {
        executableCommentDepth--;
        pos += 2;
        spaceBefore = true;
      } else if (c == '\'' || c == '"') {
        int start = pos;
        String value = quoted(c);
        add(Kind.STRING, start, value);
      } else if (c == '`') {
        int start = pos;
        String value = quoted('`');
        add(Kind.QUOTED_IDENTIFIER, start, value);
      } else if ((c == 'x' || c == 'X' || c == 'b' || c == 'B') && pos + 1 < n && text.charAt(pos + 1) == '\'') {
        int start = pos;
        pos++;
        String digits = quoted('\'');
        add(c == 'x' || c == 'X' ? Kind.HEX : Kind.BIT, start, digits);
      } else if ((c == 'n' || c == 'N') && pos + 1 < n && text.charAt(pos + 1) == '\'') {
        int start = pos;
        pos++;
        String value = quoted('\'');
        add(Kind.STRING, start, value);
      } else if (c == '0' && pos + 2 < n && (text.charAt(pos + 1) == 'x' || text.charAt(pos + 1) == 'b')
          && prefixedNumber()) {
        // consumed by prefixedNumber
      } else if (Character.isDigit(c) || (c == '.' && pos + 1 < n && Character.isDigit(text.charAt(pos + 1))
          && !previousIsName())) {
        number();
      } else if (isWordStart(c)) {
        int start = pos;
        while (pos < n && isWordPart(text.charAt(pos))) {
          pos++;
        }
        add(Kind.WORD, start, text.substring(start, pos));
      } else if (c == '?') {
        int start = pos++;
        add(Kind.PARAMETER, start, "?");
      } else if (c == '@') {
        variable();
      } else {
        symbol();
      }
    }
  }

  private void blockComment() {
    int start = pos;
    if (startsWith("/*!")) {
      int p = pos + 3;
      int digitsEnd = p;
      while (digitsEnd < text.length() && Character.isDigit(text.charAt(digitsEnd)) && digitsEnd - p < 6) {
        digitsEnd++;
      }
      int digits = digitsEnd - p;
      boolean versioned = digits == 5 || digits == 6;
      if (!versioned || Integer.parseInt(text.substring(p, digitsEnd)) <= SERVER_VERSION_NUMBER) {
        pos = versioned ? digitsEnd : p;
        executableCommentDepth++;
        spaceBefore = true;
        return;
      }
    }
    int end = text.indexOf("*/", start + 2);
    pos = end < 0 ? text.length() : end + 2;
    spaceBefore = true;
  }

  private void skipToEndOfLine() {
    while (pos < text.length() && text.charAt(pos) != '\n') {
      pos++;
    }
    spaceBefore = true;
  }

  private boolean startsWith(String s) {
    return text.startsWith(s, pos);
  }

  private boolean previousIsName() {
    if (tokens.isEmpty() || spaceBefore) {
      return false;
    }
    MySqlToken last = tokens.get(tokens.size() - 1);
    return last.isIdentifier() || last.isSymbol(")");
  }

  /** A quoted run starting at {@code pos} (the quote); returns the decoded content. */
  private String quoted(char quote) throws GatewayException {
    int start = pos;
    pos++;
    StringBuilder value = new StringBuilder();
    int n = text.length();
    while (pos < n) {
      char c = text.charAt(pos);
      if (c == quote) {
        if (pos + 1 < n && text.charAt(pos + 1) == quote) {
          value.append(quote);
          pos += 2;
          continue;
        }
        pos++;
        return value.toString();
      }
      if (c == '\\' && quote != '`' && pos + 1 < n) {
        value.append(unescape(text.charAt(pos + 1)));
        pos += 2;
        continue;
      }
      value.append(c);
      pos++;
    }
    throw MySqlSyntaxErrors.near(text, start);
  }

  /** MySQL's backslash escapes; {@code \%} and {@code \_} keep the backslash for LIKE. */
  private static String unescape(char c) {
    return switch (c) {
      case '0' -> "\0";
      case 'b' -> "\b";
      case 'n' -> "\n";
      case 'r' -> "\r";
      case 't' -> "\t";
      case 'Z' -> "\u001a";
      case '%' -> "\\%";
      case '_' -> "\\_";
      default -> String.valueOf(c);
    };
  }

  private boolean prefixedNumber() {
    char kind = text.charAt(pos + 1);
    int p = pos + 2;
    while (p < text.length() && (kind == 'x' ? isHexDigit(text.charAt(p)) : text.charAt(p) == '0'
        || text.charAt(p) == '1')) {
      p++;
    }
    if (p == pos + 2 || (p < text.length() && isWordPart(text.charAt(p)))) {
      return false;
    }
    int start = pos;
    pos = p;
    add(kind == 'x' ? Kind.HEX : Kind.BIT, start, text.substring(start + 2, p));
    return true;
  }

  private void number() {
    int start = pos;
    int n = text.length();
    while (pos < n && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    if (pos < n && text.charAt(pos) == '.') {
      pos++;
      while (pos < n && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
    }
    if (pos < n && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      int p = pos + 1;
      if (p < n && (text.charAt(p) == '+' || text.charAt(p) == '-')) {
        p++;
      }
      if (p < n && Character.isDigit(text.charAt(p))) {
        pos = p;
        while (pos < n && Character.isDigit(text.charAt(pos))) {
          pos++;
        }
      }
    }
    if (pos < n && isWordPart(text.charAt(pos)) && text.substring(start, pos).chars().allMatch(Character::isDigit)) {
      // MySQL allows identifiers that start with digits, e.g. 1st_column.
      while (pos < n && isWordPart(text.charAt(pos))) {
        pos++;
      }
      add(Kind.WORD, start, text.substring(start, pos));
      return;
    }
    add(Kind.NUMBER, start, text.substring(start, pos));
  }

  private void variable() throws GatewayException {
    int start = pos;
    int n = text.length();
    if (startsWith("@@")) {
      pos += 2;
      int nameStart = pos;
      while (pos < n && (isWordPart(text.charAt(pos)) || text.charAt(pos) == '.')) {
        pos++;
      }
      add(Kind.SYSTEM_VARIABLE, start, text.substring(nameStart, pos));
      return;
    }
    pos++;
    if (pos < n && (text.charAt(pos) == '\'' || text.charAt(pos) == '"' || text.charAt(pos) == '`')) {
      String name = quoted(text.charAt(pos));
      add(Kind.USER_VARIABLE, start, name);
      return;
    }
    int nameStart = pos;
    while (pos < n && (isWordPart(text.charAt(pos)) || text.charAt(pos) == '.')) {
      pos++;
    }
    if (pos == nameStart) {
      add(Kind.SYMBOL, start, "@");
      return;
    }
    add(Kind.USER_VARIABLE, start, text.substring(nameStart, pos));
  }

  private void symbol() {
    int start = pos;
    for (String s : SYMBOLS) {
      if (startsWith(s)) {
        pos += s.length();
        add(Kind.SYMBOL, start, s);
        return;
      }
    }
    pos++;
    add(Kind.SYMBOL, start, text.substring(start, pos));
  }

  private void add(Kind kind, int start, String value) {
    tokens.add(new MySqlToken(kind, text.substring(start, pos), value, start, pos, spaceBefore));
    spaceBefore = false;
  }

  static boolean isWordStart(char c) {
    return Character.isLetter(c) || c == '_' || c == '$' || c >= 0x80;
  }

  static boolean isWordPart(char c) {
    return isWordStart(c) || Character.isDigit(c);
  }

  private static boolean isHexDigit(char c) {
    return Character.digit(c, 16) >= 0;
  }

  /**
   * MySQL joins adjacent string literals ('a' 'b' is 'ab') and ignores charset introducers
   * (_utf8mb4'x'); _binary keeps a mark so the literal becomes bytea.
   */
  private static List<MySqlToken> joinAdjacentStrings(List<MySqlToken> in) {
    List<MySqlToken> out = new ArrayList<>(in.size());
    for (int i = 0; i < in.size(); i++) {
      MySqlToken t = in.get(i);
      if (t.kind() == Kind.WORD && i + 1 < in.size() && in.get(i + 1).kind() == Kind.STRING
          && CHARSET_INTRODUCERS.contains(t.text().toLowerCase(java.util.Locale.ROOT))) {
        MySqlToken s = in.get(i + 1);
        Kind kind = t.text().equalsIgnoreCase("_binary") ? Kind.HEX : Kind.STRING;
        String value = kind == Kind.HEX ? hex(s.value()) : s.value();
        out.add(new MySqlToken(kind, t.text() + (s.spaceBefore() ? " " : "") + s.text(), value, t.start(), s.end(),
            t.spaceBefore()));
        i++;
        continue;
      }
      if (t.kind() == Kind.STRING && !out.isEmpty() && out.get(out.size() - 1).kind() == Kind.STRING) {
        MySqlToken prev = out.remove(out.size() - 1);
        out.add(new MySqlToken(Kind.STRING, prev.text() + " " + t.text(), prev.value() + t.value(), prev.start(),
            t.end(), prev.spaceBefore()));
        continue;
      }
      out.add(t);
    }
    return out;
  }

  private static String hex(String s) {
    return BinaryText.hex(s);
  }
}
