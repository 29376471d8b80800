package wiregate.dialect.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import wiregate.core.model.GatewayException;
import wiregate.core.model.StatementKind;
import wiregate.core.mysql.MySqlStatement;
import wiregate.core.mysql.MySqlStatement.EngineSql;
import wiregate.core.mysql.MySqlStatement.InsertOutcome;
import wiregate.dialect.mysql.MySqlToken.Kind;
import wiregate.dialect.mysql.TableInfoCache.TableInfo;

/**
 * INSERT and REPLACE (spec 8): VALUES / SET / SELECT sources, INSERT IGNORE, ON DUPLICATE KEY UPDATE
 * (VALUES(col) and the row-alias form), and RETURNING of the AUTO_INCREMENT column so the session can
 * report MySQL's last-insert-id and affected rows.
 */
final class InsertTranslator {
  private final SourceStatement s;
  private final SessionValues session;
  private final TableInfoCache tables;
  private final PgRenderer renderer;

  InsertTranslator(SourceStatement s, SessionValues session, TableInfoCache tables) {
    this.s = s;
    this.session = session;
    this.tables = tables;
    this.renderer = new PgRenderer(s, session);
  }

  MySqlStatement translate() throws GatewayException {
    boolean replace = s.isWord(0, "REPLACE");
    boolean ignore = false;
    int i = 1;
    while (s.isWord(i, "LOW_PRIORITY") || s.isWord(i, "DELAYED") || s.isWord(i, "HIGH_PRIORITY")
        || s.isWord(i, "IGNORE")) {
      ignore |= s.isWord(i, "IGNORE");
      i++;
    }
    if (s.isWord(i, "INTO")) {
      i++;
    }
    int nameStart = i;
    if (i >= s.size() || !s.get(i).isIdentifier()) {
      throw s.syntaxErrorAt(i);
    }
    i++;
    if (s.isSymbol(i, ".") && i + 1 < s.size()) {
      i += 2;
    }
    String table = renderer.render(nameStart, i);
    if (s.isWord(i, "PARTITION")) {
      i = s.matching(i + 1) + 1;
    }
    List<String> columns = null;
    if (s.isSymbol(i, "(") && !s.isWord(i + 1, "SELECT") && !s.isWord(i + 1, "WITH")) {
      int close = s.matching(i);
      columns = new ArrayList<>();
      for (int[] part : s.splitCommas(i + 1, close)) {
        columns.add(columnName(part[0], part[1]));
      }
      i = close + 1;
    }
    Optional<TableInfo> info = tables.get(session, table);
    List<String> effectiveColumns = columns != null ? columns : info.map(TableInfo::columns).orElse(null);
    String autoIncrement = info.map(TableInfo::autoIncrement).orElse(null);
    int autoIncrementPosition = autoIncrement == null || effectiveColumns == null ? -1
        : effectiveColumns.indexOf(autoIncrement);

    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table);
    int onDuplicate = findOnDuplicate(i);
    int sourceEnd = onDuplicate > 0 ? onDuplicate : s.size();
    String rowAlias = null;
    if (s.isWord(i, "VALUES") || s.isWord(i, "VALUE")) {
      int end = sourceEnd;
      int as = s.findWord(i, sourceEnd, "AS");
      if (as > 0) {
        rowAlias = s.get(as + 1).identifierName();
        end = as;
      }
      List<String> rows = new ArrayList<>();
      boolean allEmpty = true;
      for (int[] row : s.splitCommas(i + 1, end)) {
        int open = s.isWord(row[0], "ROW") ? row[0] + 1 : row[0];
        int close = s.matching(open);
        if (!s.isSymbol(open, "(") || close != row[1] - 1) {
          // An unclosed row runs to the end of the statement, where MySQL's parser gives up.
          throw s.syntaxErrorAt(s.isSymbol(open, "(") && close < 0 ? s.size() : open);
        }
        List<String> values = new ArrayList<>();
        List<int[]> parts = s.splitCommas(open + 1, close);
        for (int k = 0; k < parts.size(); k++) {
          String column = effectiveColumns != null && k < effectiveColumns.size() ? effectiveColumns.get(k) : null;
          values.add(BitAssignment.wrap(value(parts.get(k), k == autoIncrementPosition), bitLength(info, column)));
        }
        allEmpty &= values.isEmpty();
        rows.add("(" + String.join(", ", values) + ")");
      }
      if (allEmpty && rows.size() == 1 && (columns == null || columns.isEmpty())) {
        sql.append(" DEFAULT VALUES");
      } else {
        appendColumns(sql, columns);
        sql.append(" VALUES ").append(String.join(", ", rows));
      }
    } else if (s.isWord(i, "SET")) {
      int end = sourceEnd;
      int as = s.findWord(i, sourceEnd, "AS");
      if (as > 0) {
        rowAlias = s.get(as + 1).identifierName();
        end = as;
      }
      columns = new ArrayList<>();
      List<String> values = new ArrayList<>();
      for (int[] part : s.splitCommas(i + 1, end)) {
        int eq = findEquals(part[0], part[1]);
        String column = columnName(part[0], eq);
        columns.add(column);
        values.add(BitAssignment.wrap(value(new int[] {eq + 1, part[1]}, column.equals(autoIncrement == null ? null
            : PgText.identifier(autoIncrement))), bitLength(info, column)));
      }
      effectiveColumns = columns;
      appendColumns(sql, columns);
      sql.append(" VALUES (").append(String.join(", ", values)).append(")");
    } else {
      appendColumns(sql, columns);
      sql.append(' ').append(renderer.render(i, sourceEnd));
    }

    InsertOutcome outcome = InsertOutcome.NONE;
    String autoIncrementColumn = autoIncrement == null ? "NULL" : PgText.identifier(autoIncrement);
    if (onDuplicate > 0 || replace) {
      List<String> target = conflictTarget(info, effectiveColumns);
      if (target != null) {
        sql.append(" ON CONFLICT (").append(String.join(", ", target)).append(") DO ");
        if (ignore && onDuplicate < 0) {
          sql.append("NOTHING");
        } else {
          sql.append("UPDATE SET ").append(onDuplicate > 0 ? updates(onDuplicate + 4, rowAlias, table, info)
              : replacements(effectiveColumns));
        }
      }
      sql.append(" RETURNING ").append(autoIncrementColumn).append(", (xmax = 0)");
      outcome = InsertOutcome.UPSERT_RETURNING;
    } else {
      if (ignore) {
        sql.append(" ON CONFLICT DO NOTHING");
      }
      if (autoIncrement != null) {
        sql.append(" RETURNING ").append(autoIncrementColumn);
        outcome = InsertOutcome.RETURNING_GENERATED_KEY;
      }
    }
    return new EngineSql(s.text(), List.of(), sql.toString(), StatementKind.OTHER, renderer.parameterCount(),
        outcome, false);
  }

  /** A value; NULL or 0 for the AUTO_INCREMENT column means "generate one" in MySQL. */
  private String value(int[] range, boolean autoIncrementColumn) throws GatewayException {
    if (autoIncrementColumn && range[1] - range[0] == 1) {
      MySqlToken t = s.get(range[0]);
      if (t.isWord("NULL") || (t.kind() == Kind.NUMBER && t.text().equals("0"))) {
        return "DEFAULT";
      }
    }
    return renderer.render(range[0], range[1]);
  }

  private static int bitLength(Optional<TableInfo> info, String column) {
    return column == null ? 0 : info.map(t -> t.bitLength(column)).orElse(0);
  }

  private String columnName(int from, int to) throws GatewayException {
    if (to <= from || !s.get(to - 1).isIdentifier()) {
      throw s.syntaxErrorAt(from);
    }
    return PgText.identifier(s.get(to - 1).identifierName());
  }

  private int findEquals(int from, int to) throws GatewayException {
    for (int k = from; k < to; k++) {
      if (s.isSymbol(k, "=") || s.isSymbol(k, ":=")) {
        return k;
      }
    }
    throw s.syntaxErrorAt(to);
  }

  private static void appendColumns(StringBuilder sql, List<String> columns) {
    if (columns != null && !columns.isEmpty()) {
      sql.append(" (").append(String.join(", ", columns)).append(")");
    }
  }

  private int findOnDuplicate(int from) {
    for (int k = s.findWord(from, s.size(), "ON"); k >= 0; k = s.findWord(k + 1, s.size(), "ON")) {
      if (s.words(k, "ON", "DUPLICATE", "KEY", "UPDATE")) {
        return k;
      }
    }
    return -1;
  }

  /**
   * PostgreSQL needs one conflict target; MySQL reacts to any unique key. The first key (primary key
   * first) whose columns are all inserted is the one that can conflict; otherwise the primary key.
   */
  private static List<String> conflictTarget(Optional<TableInfo> info, List<String> insertedColumns) {
    if (info.isEmpty() || info.get().uniqueKeys().isEmpty()) {
      return null;
    }
    List<List<String>> keys = info.get().uniqueKeys();
    for (List<String> key : keys) {
      List<String> quoted = key.stream().map(PgText::identifier).toList();
      if (insertedColumns == null || insertedColumns.containsAll(quoted)) {
        return quoted;
      }
    }
    return keys.get(0).stream().map(PgText::identifier).toList();
  }

  private String updates(int from, String rowAlias, String table, Optional<TableInfo> info) throws GatewayException {
    renderer.insertValuesAsExcluded(true, rowAlias);
    // In ON CONFLICT DO UPDATE a bare column is ambiguous (existing row or EXCLUDED); MySQL means the
    // existing row, so its columns are qualified with the table.
    List<String> columns = info.map(TableInfo::columns).orElse(List.of());
    for (int k = from; k < s.size(); k++) {
      MySqlToken t = s.get(k);
      if (t.isIdentifier() && !s.isSymbol(k - 1, ".") && !s.isSymbol(k + 1, ".") && !s.isSymbol(k + 1, "(")
          && !s.isSymbol(k + 1, "=") && !(s.isSymbol(k - 1, "(") && s.isWord(k - 2, "VALUES"))
          && columns.contains(t.identifierName())) {
        renderer.replace(k, table + "." + PgText.identifier(t.identifierName()));
      }
    }
    List<String> out = new ArrayList<>();
    for (int[] part : s.splitCommas(from, s.size())) {
      int eq = findEquals(part[0], part[1]);
      out.add(columnName(part[0], eq) + " = " + renderer.render(eq + 1, part[1]));
    }
    return String.join(", ", out);
  }

  private static String replacements(List<String> columns) {
    if (columns == null || columns.isEmpty()) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (String c : columns) {
      out.add(c + " = EXCLUDED." + c);
    }
    return String.join(", ", out);
  }
}
