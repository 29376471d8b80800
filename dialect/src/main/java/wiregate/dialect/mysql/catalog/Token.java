package wiregate.dialect.mysql.catalog;

import java.util.Locale;

/**
 * One lexical token of a MySQL statement. {@code value} is what the token means (a string literal
 * unescaped, a backticked identifier without its quotes); {@code start}/{@code end} delimit its raw
 * text in the statement, so expressions can be handed on verbatim.
 */
record Token(Type type, String value, int start, int end) {
  enum Type {
    /** A bare word: keyword or unquoted identifier. */
    WORD,
    /** A `backticked` identifier. */
    QUOTED_IDENTIFIER,
    /** '...' or "..." (with an optional _charset / N introducer, which is dropped). */
    STRING,
    NUMBER,
    /** Hex or bit literal (X'..', 0x.., b'..'): not a plain constant. */
    BINARY_LITERAL,
    /** Operators and punctuation, including {@code @}, {@code @@} and {@code :=}. */
    SYMBOL,
    END
  }

  boolean isWord(String word) {
    return type == Type.WORD && value.equalsIgnoreCase(word);
  }

  boolean isSymbol(String symbol) {
    return type == Type.SYMBOL && value.equals(symbol);
  }

  /** A word or backticked identifier: something that can name a database, table or column. */
  boolean isIdentifier() {
    return type == Type.WORD || type == Type.QUOTED_IDENTIFIER;
  }

  String upper() {
    return value.toUpperCase(Locale.ROOT);
  }
}
