package wiregate.dialect.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import wiregate.core.model.GatewayException;
import wiregate.core.model.StatementKind;
import wiregate.core.mysql.MySqlStatement;
import wiregate.core.mysql.MySqlStatement.EngineSql;
import wiregate.core.mysql.MySqlStatement.DmlOutcome;
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
  /** Whether some row gave the AUTO_INCREMENT column a value of its own / left it to the sequence. */
  private boolean explicitKey;
  private boolean generatedKey;

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
        : effectiveColumns.indexOf(columns != null ? PgText.identifier(autoIncrement) : autoIncrement);

    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table);
    int onDuplicate = findOnDuplicate(i);
    // How many rows the source has, when the text says (VALUES lists, SET); -1 for INSERT ... SELECT.
    int sourceRows = -1;
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
          values.add(value(parts.get(k), k == autoIncrementPosition, columnType(info, column),
              target(column, rows.size() + 1)));
        }
        allEmpty &= values.isEmpty();
        rows.add("(" + String.join(", ", values) + ")");
      }
      sourceRows = rows.size();
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
        values.add(value(new int[] {eq + 1, part[1]}, column.equals(autoIncrement == null ? null
            : PgText.identifier(autoIncrement)), columnType(info, s.get(eq - 1).identifierName()),
            target(s.get(eq - 1).identifierName(), 1)));
      }
      effectiveColumns = columns;
      sourceRows = 1;
      appendColumns(sql, columns);
      sql.append(" VALUES (").append(String.join(", ", values)).append(")");
    } else {
      appendColumns(sql, columns);
      sql.append(' ').append(renderer.render(i, sourceEnd));
      explicitKey = autoIncrementPosition >= 0;
    }
    if (autoIncrement != null && (effectiveColumns == null || (!effectiveColumns.contains(autoIncrement)
        && !effectiveColumns.contains(PgText.identifier(autoIncrement))))) {
      generatedKey = true;
    }

    String autoIncrementColumn = autoIncrement == null ? "NULL" : PgText.identifier(autoIncrement);
    // MySQL moves LAST_INSERT_ID() only for generated values; a mix counts as generated.
    String keyGenerated = explicitKey && !generatedKey ? "false" : "true";
    if (onDuplicate > 0 || replace) {
      List<String> target = conflictTarget(info, effectiveColumns);
      if (target != null) {
        sql.append(" ON CONFLICT (").append(String.join(", ", target)).append(") DO ");
        if (onDuplicate > 0) {
          sql.append(updates(onDuplicate + 4, rowAlias, table, info));
        } else {
          // REPLACE deletes and inserts: the row counts as changed even when its values are the same.
          sql.append("UPDATE SET ").append(replacements(effectiveColumns));
        }
      }
      sql.append(" RETURNING ").append(autoIncrementColumn).append(", (xmax = 0), ").append(keyGenerated);
      return outcome(withUntouchedRows(sql.toString(), sourceRows), DmlOutcome.UPSERT_RETURNING);
    }
    if (ignore) {
      sql.append(" ON CONFLICT DO NOTHING RETURNING ").append(autoIncrementColumn).append(", true, ")
          .append(keyGenerated);
      return outcome(withUntouchedRows(sql.toString(), sourceRows), DmlOutcome.IGNORE_RETURNING);
    }
    if (autoIncrement == null) {
      return outcome(sql.toString(), DmlOutcome.NONE);
    }
    sql.append(" RETURNING ").append(autoIncrementColumn);
    return outcome(sql.toString(), explicitKey && !generatedKey ? DmlOutcome.RETURNING_EXPLICIT_KEY
        : DmlOutcome.RETURNING_GENERATED_KEY);
  }

  private EngineSql outcome(String sql, DmlOutcome outcome) {
    return new EngineSql(s.text(), List.of(), sql, StatementKind.OTHER, renderer.parameterCount(), outcome, false);
  }

  /**
   * An upsert or INSERT IGNORE returns rows only for the rows it inserted or changed. MySQL also counts
   * the others (CLIENT_FOUND_ROWS, the warnings of INSERT IGNORE, the OK info): when the source's row
   * count is known, a row {@code (NULL, NULL, NULL)} stands for each source row that left the table
   * untouched.
   */
  static String withUntouchedRows(String insert, int sourceRows) {
    if (sourceRows < 0) {
      return insert;
    }
    return "WITH wg_touched AS (" + insert + ") SELECT * FROM wg_touched UNION ALL SELECT NULL, NULL, NULL"
        + " FROM generate_series(1, " + sourceRows + " - (SELECT count(*) FROM wg_touched))";
  }

  /** Where a value goes, when sql_mode is not strict (see ColumnValues); null in strict mode. */
  private ColumnValues.Target target(String column, int row) {
    return column == null || session.strictMode() ? null : new ColumnValues.Target(unquoted(column), row);
  }

  private static String unquoted(String column) {
    return column.startsWith("\"") && column.endsWith("\"") && column.length() > 1
        ? column.substring(1, column.length() - 1).replace("\"\"", "\"") : column;
  }

  /** A value; NULL or 0 for the AUTO_INCREMENT column means "generate one" in MySQL. */
  private String value(int[] range, boolean autoIncrementColumn, String columnType, ColumnValues.Target target)
      throws GatewayException {
    if (autoIncrementColumn && range[1] - range[0] == 1) {
      MySqlToken t = s.get(range[0]);
      if (t.isWord("NULL") || t.isWord("DEFAULT") || (t.kind() == Kind.NUMBER && t.text().equals("0"))) {
        generatedKey = true;
        return "DEFAULT";
      }
    }
    if (autoIncrementColumn) {
      explicitKey = true;
    }
    if (range[1] - range[0] == 1 && s.isWord(range[0], "DEFAULT")) {
      return "DEFAULT";
    }
    boolean parameter = range[1] - range[0] == 1 && s.get(range[0]).kind() == Kind.PARAMETER;
    return ColumnValues.forColumn(renderer.render(range[0], range[1]), columnType, parameter, target);
  }

  /** A column's type (the column named as written in SQL or as the catalog has it), or null. */
  private static String columnType(Optional<TableInfo> info, String column) {
    if (info.isEmpty() || column == null) {
      return null;
    }
    String name = column.startsWith("\"") ? column.substring(1, column.length() - 1).replace("\"\"", "\"") : column;
    return info.get().typeOf(name);
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
    List<String> assignments = new ArrayList<>();
    List<String> before = new ArrayList<>();
    List<String> after = new ArrayList<>();
    for (int[] part : s.splitCommas(from, s.size())) {
      int eq = findEquals(part[0], part[1]);
      String column = columnName(part[0], eq);
      boolean parameter = part[1] - eq == 2 && s.get(eq + 1).kind() == Kind.PARAMETER;
      String value = ColumnValues.forColumn(renderer.render(eq + 1, part[1]),
          info.map(t -> t.typeOf(s.get(eq - 1).identifierName())).orElse(null), parameter,
          target(s.get(eq - 1).identifierName(), 1));
      assignments.add(column + " = " + value);
      before.add(table + "." + column);
      after.add(asColumnType(value, info, s.get(eq - 1).identifierName()));
    }
    // MySQL leaves a row whose values would not change alone (0 affected rows, no ON UPDATE
    // CURRENT_TIMESTAMP); such a row is neither updated nor returned.
    return "UPDATE SET " + String.join(", ", assignments) + " WHERE " + changes(before, after);
  }

  /** A value as the column's type, so that it compares with the column as the assignment would store it. */
  static String asColumnType(String value, Optional<TableInfo> info, String column) {
    String type = info.map(t -> t.typeOf(column)).orElse(null);
    return type == null ? value : "CAST(" + value + " AS " + type + ")";
  }

  /**
   * The condition "the new values differ from the old ones", as MySQL decides it: on the stored
   * values, not under the columns' collation ('a' to 'A' is a change though the two compare equal).
   * The rows are compared as text, the values being cast to the columns' types.
   */
  static String changes(List<String> before, List<String> after) {
    return "ROW(" + String.join(", ", before) + ")::text IS DISTINCT FROM ROW(" + String.join(", ", after) + ")::text";
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
