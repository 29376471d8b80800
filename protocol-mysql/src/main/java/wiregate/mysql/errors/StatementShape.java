package wiregate.mysql.errors;

import java.util.ArrayList;
import java.util.List;
import wiregate.mysql.errors.SqlTokens.Token;

/**
 * What an engine error's MySQL message needs to know about the PostgreSQL statement that failed: the
 * clause an error position lies in, the table an INSERT or UPDATE writes and its target columns,
 * and which value (row and column) a position points at. The statement is the dialect's output,
 * so only its outline is read: {@code INSERT INTO t [(cols)] VALUES (..), ..} and
 * {@code UPDATE t [AS a] SET c = .., ..}, also as the body of {@code WITH name AS (...)}.
 */
final class StatementShape {
  /** The table a statement writes: {@code schema} null when unqualified. */
  record Target(String schema, String table, List<String> columns) {}

  /** A value of the statement: its 1-based row and its target column (null when unknown). */
  record Cell(int row, String column) {}

  private final List<Token> tokens;

  private StatementShape(List<Token> tokens) {
    this.tokens = tokens;
  }

  static StatementShape of(String sql) {
    return new StatementShape(writingStatement(SqlTokens.of(sql == null ? "" : sql)));
  }

  /**
   * The INSERT or UPDATE inside {@code WITH name AS (...) SELECT ...}, the form the dialect gives a
   * statement whose rows it counts (MySQL has no data-modifying CTEs, so only the dialect writes one);
   * other statements as they are. Offsets stay those of the whole text.
   */
  private static List<Token> writingStatement(List<Token> tokens) {
    if (tokens.size() < 5 || !tokens.get(0).isWord("WITH") || !tokens.get(2).isWord("AS")
        || !tokens.get(3).isSymbol('(') || !(tokens.get(4).isWord("INSERT") || tokens.get(4).isWord("UPDATE"))) {
      return tokens;
    }
    List<Token> inner = new ArrayList<>();
    for (int i = 4; i < tokens.size() && tokens.get(i).depth() > 0; i++) {
      Token t = tokens.get(i);
      inner.add(new Token(t.kind(), t.text(), t.start(), t.end(), t.depth() - 1));
    }
    return inner;
  }

  /**
   * The clause of the token at {@code offset}, in MySQL's words for "Unknown column 'x' in '...'"
   * ("field list", "where clause", ...). A parenthesised part is in the clause around it unless
   * it starts its own (a subquery).
   */
  String clauseAt(int offset) {
    List<String> clauses = new ArrayList<>();
    clauses.add("field list");
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      while (clauses.size() > t.depth() + 1) {
        clauses.remove(clauses.size() - 1);
      }
      while (clauses.size() < t.depth() + 1) {
        clauses.add(clauses.get(clauses.size() - 1));
      }
      if (t.start() >= offset) {
        return clauses.get(t.depth());
      }
      String clause = clauseOf(t, i + 1 < tokens.size() ? tokens.get(i + 1) : null);
      if (clause != null) {
        clauses.set(t.depth(), clause);
      }
    }
    return clauses.get(0);
  }

  private static String clauseOf(Token t, Token next) {
    if (t.kind() != SqlTokens.Kind.WORD) {
      return null;
    }
    return switch (t.text().toUpperCase(java.util.Locale.ROOT)) {
      case "SELECT", "SET", "VALUES", "RETURNING", "INSERT" -> "field list";
      case "WHERE" -> "where clause";
      case "GROUP" -> next != null && next.isWord("BY") ? "group statement" : null;
      case "ORDER" -> next != null && next.isWord("BY") ? "order clause" : null;
      case "HAVING" -> "having clause";
      case "ON", "USING" -> "on clause";
      case "FROM" -> "from clause";
      default -> null;
    };
  }

  /** The table an INSERT or UPDATE writes, with its explicit target columns (empty: all, in order). */
  Target target() {
    if (tokens.isEmpty()) {
      return null;
    }
    int i;
    if (tokens.get(0).isWord("INSERT") && tokens.size() > 2 && tokens.get(1).isWord("INTO")) {
      i = 2;
    } else if (tokens.get(0).isWord("UPDATE") && tokens.size() > 1) {
      i = tokens.get(1).isWord("ONLY") ? 2 : 1;
    } else {
      return null;
    }
    String schema = null;
    String table = name(i);
    if (table == null) {
      return null;
    }
    if (i + 2 < tokens.size() && tokens.get(i + 1).isSymbol('.') && name(i + 2) != null) {
      schema = table;
      table = name(i + 2);
      i += 2;
    }
    i++;
    if (tokens.get(0).isWord("UPDATE")) {
      return new Target(schema, table, setColumns());
    }
    if (i < tokens.size() && tokens.get(i).isWord("AS")) {
      i += 2;
    }
    List<String> columns = new ArrayList<>();
    if (i + 1 < tokens.size() && tokens.get(i).isSymbol('(') && !tokens.get(i + 1).isWord("SELECT")) {
      for (int j = i + 1; j < tokens.size() && !tokens.get(j).isSymbol(')'); j++) {
        if (!tokens.get(j).isSymbol(',')) {
          columns.add(tokens.get(j).identifier());
        }
      }
    }
    return new Target(schema, table, columns);
  }

  private String name(int i) {
    if (i >= tokens.size()) {
      return null;
    }
    Token t = tokens.get(i);
    return t.kind() == SqlTokens.Kind.WORD || t.kind() == SqlTokens.Kind.QUOTED_IDENTIFIER ? t.identifier() : null;
  }

  /** An UPDATE's assigned columns, in order. */
  private List<String> setColumns() {
    List<String> columns = new ArrayList<>();
    int set = indexOfTopLevelWord("SET", 0);
    if (set < 0) {
      return columns;
    }
    boolean expectColumn = true;
    for (int j = set + 1; j < tokens.size(); j++) {
      Token t = tokens.get(j);
      if (t.depth() == 0 && (t.isWord("WHERE") || t.isWord("FROM") || t.isWord("RETURNING"))) {
        break;
      }
      if (expectColumn && t.depth() == 0 && j + 1 < tokens.size() && tokens.get(j + 1).isSymbol('=')) {
        columns.add(t.identifier());
        expectColumn = false;
      } else if (t.depth() == 0 && t.isSymbol(',')) {
        expectColumn = true;
      }
    }
    return columns;
  }

  /**
   * The value at {@code offset}: for an INSERT ... VALUES the row and the target column of the item
   * (among {@code columns}, the statement's target columns in order); for an UPDATE the assigned
   * column whose expression holds the offset. Null when the offset is in no value.
   */
  Cell cellAt(int offset, List<String> columns) {
    if (tokens.isEmpty()) {
      return null;
    }
    if (tokens.get(0).isWord("UPDATE")) {
      return assignmentAt(offset);
    }
    int values = indexOfTopLevelWord("VALUES", 0);
    if (values < 0) {
      return null;
    }
    int row = 0;
    int item = 0;
    for (int j = values + 1; j < tokens.size(); j++) {
      Token t = tokens.get(j);
      if (t.depth() == 0) {
        if (t.isSymbol('(')) {
          row++;
          item = 0;
        } else if (!t.isSymbol(',') && !t.isSymbol(')')) {
          return null; // past the VALUES list (ON CONFLICT, RETURNING)
        }
      } else if (t.depth() == 1 && t.isSymbol(',')) {
        item++;
      } else if (t.start() <= offset && offset < t.end()) {
        return new Cell(row, item < columns.size() ? columns.get(item) : null);
      }
    }
    return null;
  }

  private Cell assignmentAt(int offset) {
    List<String> columns = setColumns();
    int set = indexOfTopLevelWord("SET", 0);
    int index = -1;
    for (int j = set + 1; j < tokens.size() && set >= 0; j++) {
      Token t = tokens.get(j);
      if (t.depth() == 0 && (t.isWord("WHERE") || t.isWord("FROM") || t.isWord("RETURNING"))) {
        return null;
      }
      if (t.depth() == 0 && j + 1 < tokens.size() && tokens.get(j + 1).isSymbol('=')
          && (j == set + 1 || tokens.get(j - 1).isSymbol(','))) {
        index++;
      }
      if (t.start() <= offset && offset < t.end()) {
        return index >= 0 && index < columns.size() ? new Cell(1, columns.get(index)) : null;
      }
    }
    return null;
  }

  private int indexOfTopLevelWord(String word, int from) {
    for (int j = from; j < tokens.size(); j++) {
      if (tokens.get(j).depth() == 0 && tokens.get(j).isWord(word)) {
        return j;
      }
    }
    return -1;
  }
}
