package wiregate.dialect.mysql;

/**
 * One lexical token of MySQL text. {@code text} is the token exactly as written; {@code value} is its
 * decoded meaning (a string literal's characters, a backticked identifier's name, a variable's name
 * without {@code @}, a hex literal's digits). {@code start}/{@code end} are offsets in the text the
 * lexer was given; {@code spaceBefore} says whether whitespace or a comment preceded it.
 */
public record MySqlToken(Kind kind, String text, String value, int start, int end, boolean spaceBefore) {

  public enum Kind {
    /** A bare word: keyword or unquoted identifier. */
    WORD,
    /** A `backticked` identifier. */
    QUOTED_IDENTIFIER,
    /** A string literal ('..' or ".." ; adjacent literals already joined, introducers dropped). */
    STRING,
    NUMBER,
    /** X'..' or 0x..: {@code value} is the hex digits. */
    HEX,
    /** b'..' or 0b..: {@code value} is the binary digits. */
    BIT,
    /** A {@code ?} placeholder. */
    PARAMETER,
    /** {@code @name}: {@code value} is the name. */
    USER_VARIABLE,
    /** {@code @@[scope.]name}: {@code value} is the text after {@code @@}. */
    SYSTEM_VARIABLE,
    /** Operators and punctuation. */
    SYMBOL
  }

  public boolean isWord(String upperCaseWord) {
    return kind == Kind.WORD && text.equalsIgnoreCase(upperCaseWord);
  }

  public boolean isSymbol(String symbol) {
    return kind == Kind.SYMBOL && text.equals(symbol);
  }

  /** The upper-case text of a bare word, or "" for any other token. */
  public String keyword() {
    return kind == Kind.WORD ? text.toUpperCase(java.util.Locale.ROOT) : "";
  }

  /** True for a token naming something: a bare word or a backticked identifier. */
  public boolean isIdentifier() {
    return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
  }

  /** An identifier's name as MySQL compares it: lower case (lower_case_table_names=1). */
  public String identifierName() {
    String raw = kind == Kind.QUOTED_IDENTIFIER ? value : text;
    return raw.toLowerCase(java.util.Locale.ROOT);
  }

  MySqlToken withSpaceBefore(boolean space) {
    return new MySqlToken(kind, text, value, start, end, space);
  }
}
