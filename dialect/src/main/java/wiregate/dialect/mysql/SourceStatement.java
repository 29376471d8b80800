package wiregate.dialect.mysql;

import java.util.ArrayList;
import java.util.List;

/**
 * One MySQL statement: its tokens (offsets into {@code fullText}) and helpers to look at them. Token
 * indexes in every translator refer to {@link #tokens()}.
 */
final class SourceStatement {
  private final String fullText;
  private final List<MySqlToken> tokens;
  private final int[] matching;

  SourceStatement(String fullText, List<MySqlToken> tokens) {
    this.fullText = fullText;
    this.tokens = List.copyOf(tokens);
    this.matching = matchParentheses(this.tokens);
  }

  /** Splits a lexed text at top-level semicolons; empty statements are dropped. */
  static List<SourceStatement> split(String text, List<MySqlToken> tokens) {
    List<SourceStatement> out = new ArrayList<>();
    List<MySqlToken> current = new ArrayList<>();
    for (MySqlToken t : tokens) {
      if (t.isSymbol(";")) {
        if (!current.isEmpty()) {
          out.add(new SourceStatement(text, current));
        }
        current = new ArrayList<>();
      } else {
        current.add(t);
      }
    }
    if (!current.isEmpty()) {
      out.add(new SourceStatement(text, current));
    }
    return out;
  }

  List<MySqlToken> tokens() {
    return tokens;
  }

  int size() {
    return tokens.size();
  }

  MySqlToken get(int i) {
    return tokens.get(i);
  }

  /** The statement's text as the client wrote it. */
  String text() {
    return source(0, tokens.size());
  }

  String fullText() {
    return fullText;
  }

  /** The client's text of tokens [from, to). */
  String source(int from, int to) {
    if (from >= to) {
      return "";
    }
    return fullText.substring(tokens.get(from).start(), tokens.get(to - 1).end());
  }

  /** Upper-case keyword at i, or "" past the end / for non-words. */
  String keyword(int i) {
    return i >= 0 && i < tokens.size() ? tokens.get(i).keyword() : "";
  }

  boolean isWord(int i, String word) {
    return i >= 0 && i < tokens.size() && tokens.get(i).isWord(word);
  }

  boolean isSymbol(int i, String symbol) {
    return i >= 0 && i < tokens.size() && tokens.get(i).isSymbol(symbol);
  }

  /** True when tokens from i spell the given keywords. */
  boolean words(int i, String... words) {
    for (int k = 0; k < words.length; k++) {
      if (!isWord(i + k, words[k])) {
        return false;
      }
    }
    return true;
  }

  /** The index of the parenthesis matching the one at i, or -1. */
  int matching(int i) {
    return i >= 0 && i < matching.length ? matching[i] : -1;
  }

  /** The next index at or after i at the same depth that holds the keyword, within [i, to), or -1. */
  int findWord(int i, int to, String word) {
    for (int k = i; k < to; k++) {
      if (tokens.get(k).isWord(word)) {
        return k;
      }
      if (tokens.get(k).isSymbol("(") && matching[k] > k) {
        k = matching[k];
      }
    }
    return -1;
  }

  /** Splits [from, to) at top-level commas into [start, end) pairs. */
  List<int[]> splitCommas(int from, int to) {
    List<int[]> parts = new ArrayList<>();
    int start = from;
    for (int k = from; k < to; k++) {
      MySqlToken t = tokens.get(k);
      if (t.isSymbol("(") && matching[k] > k) {
        k = matching[k];
      } else if (t.isSymbol(",")) {
        parts.add(new int[] {start, k});
        start = k + 1;
      }
    }
    if (start < to || !parts.isEmpty()) {
      parts.add(new int[] {start, to});
    }
    return parts;
  }

  /** MySQL's syntax error quoting the statement from token i on. */
  /** The items of the select list of the SELECT at {@code select}, as [from, to) token ranges. */
  List<int[]> selectItems(int select) {
    int p = select + 1;
    while (p < size() && MySqlKeywords.SELECT_MODIFIERS.contains(keyword(p))) {
      p++;
    }
    int end = p;
    while (end < size() && !MySqlKeywords.SELECT_LIST_END.contains(keyword(end))) {
      if (isSymbol(end, "(") && matching(end) > end) {
        end = matching(end);
      }
      end++;
    }
    return splitCommas(p, end);
  }

  wiregate.core.model.GatewayException syntaxErrorAt(int i) {
    int offset = i < tokens.size() ? tokens.get(i).start() : (tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).end());
    int base = tokens.isEmpty() ? 0 : tokens.get(0).start();
    return MySqlSyntaxErrors.near(text(), offset - base);
  }

  private static int[] matchParentheses(List<MySqlToken> tokens) {
    int[] match = new int[tokens.size()];
    java.util.Arrays.fill(match, -1);
    java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).isSymbol("(")) {
        open.push(i);
      } else if (tokens.get(i).isSymbol(")") && !open.isEmpty()) {
        int o = open.pop();
        match[o] = i;
        match[i] = o;
      }
    }
    return match;
  }
}
