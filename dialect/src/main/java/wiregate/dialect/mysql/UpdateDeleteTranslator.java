package wiregate.dialect.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import wiregate.core.model.GatewayException;
import wiregate.core.model.StatementKind;
import wiregate.core.mysql.MySqlStatement;
import wiregate.core.mysql.MySqlStatement.EngineSql;
import wiregate.core.mysql.MySqlStatement.DmlOutcome;
import wiregate.dialect.mysql.TableInfoCache.TableInfo;

/**
 * UPDATE and DELETE. PostgreSQL has neither ORDER BY / LIMIT on them nor MySQL's multi-table forms,
 * so both go through the row's ctid: the rows to change are selected with MySQL's own clauses, then
 * the target table is matched on ctid. For multi-table forms the whole join is the FROM / USING list,
 * and the target (named once more under an alias) is matched to its instance in the join.
 */
final class UpdateDeleteTranslator {
  private static final Set<String> JOIN_WORDS = Set.of("JOIN", "INNER", "LEFT", "RIGHT", "CROSS", "STRAIGHT_JOIN",
      "NATURAL");
  private static final String TARGET = "wg_target";

  private final SourceStatement s;
  private final SessionValues session;
  private final TableInfoCache tables;
  private final PgRenderer renderer;

  UpdateDeleteTranslator(SourceStatement s, SessionValues session, TableInfoCache tables) {
    this.s = s;
    this.session = session;
    this.tables = tables;
    this.renderer = new PgRenderer(s, session);
  }

  MySqlStatement translate() throws GatewayException {
    if (s.isWord(0, "UPDATE")) {
      return new EngineSql(s.text(), List.of(), update(), StatementKind.OTHER, renderer.parameterCount(),
          DmlOutcome.UPDATE_COUNTS, false);
    }
    return new EngineSql(s.text(), List.of(), delete(), StatementKind.OTHER, renderer.parameterCount(),
        DmlOutcome.NONE, false);
  }

  private int skipModifiers(int i) {
    while (s.isWord(i, "LOW_PRIORITY") || s.isWord(i, "IGNORE") || s.isWord(i, "QUICK")) {
      i++;
    }
    return i;
  }

  /**
   * MySQL updates only the rows whose values change and reports both counts ("Rows matched: m
   * Changed: c"); the affected rows are the changed ones, or the matched ones with CLIENT_FOUND_ROWS.
   * The UPDATE skips rows whose new values equal the old ones, and the statement returns one row
   * {@code (matched, changed)}: changed from the UPDATE's RETURNING, matched by counting the same
   * rows in the statement's snapshot.
   */
  private String update() throws GatewayException {
    int refs = skipModifiers(1);
    int set = s.findWord(refs, s.size(), "SET");
    if (set < 0) {
      throw s.syntaxErrorAt(s.size());
    }
    Tail tail = tail(set + 1);
    boolean multiTable = isMultiTable(refs, set);
    List<String> assignments = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    List<String> values = new ArrayList<>();
    List<Boolean> parameterValue = new ArrayList<>();
    String qualifier = null;
    for (int[] part : s.splitCommas(set + 1, tail.bodyEnd)) {
      int eq = part[0];
      while (eq < part[1] && !s.isSymbol(eq, "=")) {
        eq++;
      }
      if (eq >= part[1] || !s.get(eq - 1).isIdentifier()) {
        throw s.syntaxErrorAt(part[0]);
      }
      if (eq - part[0] >= 3 && s.isSymbol(eq - 2, ".") && qualifier == null) {
        qualifier = s.get(eq - 3).identifierName();
      }
      columns.add(s.get(eq - 1).identifierName());
      values.add(renderer.render(eq + 1, part[1]));
      parameterValue.add(part[1] - eq == 2 && s.get(eq + 1).kind() == MySqlToken.Kind.PARAMETER);
    }
    TableRef target = multiTable ? findTarget(refs, set, qualifier) : null;
    String tableName = multiTable ? target.name : refs + 1 < set && s.isSymbol(refs + 1, ".")
        ? renderer.render(refs, refs + 3) : renderer.render(refs, refs + 1);
    Optional<TableInfo> info = tables.get(session, tableName);
    for (int k = 0; k < values.size(); k++) {
      String column = columns.get(k);
      String type = info.map(t -> t.typeOf(column)).orElse(null);
      boolean isDefault = values.get(k).equalsIgnoreCase("DEFAULT");
      // The changed-row test compares with the value cast to the column's type (a cast cuts silently):
      // only the assignment may warn, once per updated row. MySQL counts the row; here it is always 1.
      String value = isDefault ? values.get(k) : ColumnValues.forColumn(values.get(k), type, parameterValue.get(k),
          session.strictMode() ? null : new ColumnValues.Target(column, 1));
      values.set(k, isDefault ? values.get(k) : ColumnValues.forColumn(values.get(k), type, parameterValue.get(k), null));
      assignments.add(PgText.identifier(columns.get(k)) + " = " + value);
    }
    String setList = String.join(", ", assignments);
    if (multiTable) {
      String from = renderer.render(refs, set);
      String join = TARGET + ".ctid = " + target.alias + ".ctid" + tail.whereAnd() + tail.orderLimitCheck();
      return counted("UPDATE " + target.name + " AS " + TARGET + " SET " + setList + " FROM " + from + " WHERE " + join
          + " AND " + changes(info, TARGET + ".", columns, values),
          "SELECT count(DISTINCT " + target.alias + ".ctid) FROM " + from + tail.where());
    }
    String table = renderer.render(refs, set);
    String changed = changes(info, "", columns, values);
    if (!tail.hasOrderOrLimit()) {
      return counted("UPDATE " + table + " SET " + setList + (tail.whereText == null ? " WHERE " + changed
          : " WHERE (" + tail.whereText + ") AND " + changed), "SELECT count(*) FROM " + table + tail.where());
    }
    String limited = "SELECT ctid FROM " + table + tail.where() + tail.orderLimit();
    return counted("UPDATE " + table + " SET " + setList + " WHERE ctid IN (" + limited + ") AND " + changed,
        "SELECT count(*) FROM (" + limited + ") AS wg_matched");
  }

  /** The UPDATE with its changed rows counted, and the query counting its matched rows: one row. */
  private static String counted(String update, String matched) {
    return "WITH wg_changed AS (" + update + " RETURNING 1) SELECT (" + matched
        + ") AS matched, (SELECT count(*) FROM wg_changed) AS changed";
  }

  /** "Some assigned column gets a new value", comparing in each column's type as the UPDATE stores it. */
  private static String changes(Optional<TableInfo> info, String prefix, List<String> columns,
      List<String> values) {
    if (values.stream().anyMatch(v -> v.equalsIgnoreCase("DEFAULT"))) {
      return "true"; // a DEFAULT cannot be compared: the row counts as changed
    }
    List<String> before = new ArrayList<>();
    List<String> after = new ArrayList<>();
    for (int k = 0; k < columns.size(); k++) {
      before.add(prefix + PgText.identifier(columns.get(k)));
      after.add(InsertTranslator.asColumnType(values.get(k), info, columns.get(k)));
    }
    return InsertTranslator.changes(before, after);
  }

  private String delete() throws GatewayException {
    int i = skipModifiers(1);
    if (s.isWord(i, "FROM")) {
      int using = s.findWord(i + 1, s.size(), "USING");
      Tail tail = tail(i + 1);
      if (using < 0) {
        int end = firstOf(i + 1, "WHERE", "ORDER", "LIMIT");
        String table = renderer.render(i + 1, end);
        if (!tail.hasOrderOrLimit()) {
          return "DELETE FROM " + table + tail.where();
        }
        return "DELETE FROM " + table + " WHERE ctid IN (SELECT ctid FROM " + table + tail.where() + tail.orderLimit()
            + ")";
      }
      return multiDelete(i + 1, using, using + 1, tail);
    }
    int from = s.findWord(i, s.size(), "FROM");
    if (from < 0) {
      throw s.syntaxErrorAt(i);
    }
    return multiDelete(i, from, from + 1, tail(from + 1));
  }

  /** DELETE t FROM refs / DELETE FROM t USING refs: one target table. */
  private String multiDelete(int targetsFrom, int targetsTo, int refs, Tail tail) throws GatewayException {
    List<int[]> targets = s.splitCommas(targetsFrom, targetsTo);
    if (targets.size() != 1) {
      throw MySqlSyntaxErrors.unsupported("DELETE from several tables in one statement");
    }
    String qualifier = s.get(targets.get(0)[0]).identifierName();
    int refsEnd = firstOf(refs, "WHERE", "ORDER", "LIMIT");
    TableRef target = findTarget(refs, refsEnd, qualifier);
    return "DELETE FROM " + target.name + " AS " + TARGET + " USING " + renderer.render(refs, refsEnd) + " WHERE "
        + TARGET + ".ctid = " + target.alias + ".ctid" + tail.whereAnd() + tail.orderLimitCheck();
  }

  private boolean isMultiTable(int from, int to) {
    for (int k = from; k < to; k++) {
      if (s.isSymbol(k, "(") && s.matching(k) > k) {
        k = s.matching(k);
        continue;
      }
      if (s.isSymbol(k, ",") || JOIN_WORDS.contains(s.keyword(k))) {
        return true;
      }
    }
    return false;
  }

  private record TableRef(String name, String alias) {}

  /** The table reference in [from, to) whose alias (or name) is {@code qualifier}; the first one if null. */
  private TableRef findTarget(int from, int to, String qualifier) throws GatewayException {
    TableRef first = null;
    int k = from;
    while (k < to) {
      if (s.get(k).isIdentifier() && !JOIN_WORDS.contains(s.keyword(k)) && !s.isWord(k, "OUTER")) {
        int start = k;
        k++;
        if (s.isSymbol(k, ".") && k + 1 < to) {
          k += 2;
        }
        String name = renderer.render(start, k);
        String bareName = s.get(k - 1).identifierName();
        String alias = bareName;
        if (s.isWord(k, "AS")) {
          k++;
        }
        if (k < to && s.get(k).isIdentifier() && !JOIN_WORDS.contains(s.keyword(k)) && !s.isWord(k, "ON")
            && !s.isWord(k, "USING") && !s.isWord(k, "OUTER")) {
          alias = s.get(k).identifierName();
          k++;
        }
        TableRef ref = new TableRef(name, PgText.identifier(alias));
        if (first == null) {
          first = ref;
        }
        if (qualifier == null || alias.equals(qualifier)) {
          return ref;
        }
        // skip the join condition
        while (k < to && !s.isSymbol(k, ",") && !JOIN_WORDS.contains(s.keyword(k))) {
          if (s.isSymbol(k, "(") && s.matching(k) > k) {
            k = s.matching(k);
          }
          k++;
        }
      } else {
        if (s.isSymbol(k, "(") && s.matching(k) > k) {
          k = s.matching(k);
        }
        k++;
      }
    }
    if (first == null) {
      throw s.syntaxErrorAt(from);
    }
    return first;
  }

  private int firstOf(int from, String... words) {
    int best = s.size();
    for (String w : words) {
      int k = s.findWord(from, s.size(), w);
      if (k >= 0 && k < best) {
        best = k;
      }
    }
    return best;
  }

  /** WHERE, ORDER BY and LIMIT after the statement's body. */
  private Tail tail(int from) throws GatewayException {
    int where = s.findWord(from, s.size(), "WHERE");
    int order = -1;
    for (int k = s.findWord(from, s.size(), "ORDER"); k >= 0; k = s.findWord(k + 1, s.size(), "ORDER")) {
      if (s.isWord(k + 1, "BY")) {
        order = k;
        break;
      }
    }
    int limit = s.findWord(Math.max(from, Math.max(where, order)), s.size(), "LIMIT");
    int bodyEnd = s.size();
    for (int k : new int[] {where, order, limit}) {
      if (k >= 0 && k < bodyEnd) {
        bodyEnd = k;
      }
    }
    int whereEnd = order >= 0 ? order : limit >= 0 ? limit : s.size();
    String whereText = where >= 0 ? renderer.render(where + 1, whereEnd) : null;
    String orderText = order >= 0 ? renderer.render(order, limit >= 0 ? limit : s.size()) : null;
    String limitText = limit >= 0 ? renderer.render(limit, s.size()) : null;
    return new Tail(bodyEnd, whereText, orderText, limitText);
  }

  private record Tail(int bodyEnd, String whereText, String orderText, String limitText) {
    boolean hasOrderOrLimit() {
      return orderText != null || limitText != null;
    }

    String where() {
      return whereText == null ? "" : " WHERE " + whereText;
    }

    String whereAnd() {
      return whereText == null ? "" : " AND (" + whereText + ")";
    }

    String orderLimit() {
      return (orderText == null ? "" : " " + orderText) + (limitText == null ? "" : " " + limitText);
    }

    String orderLimitCheck() throws GatewayException {
      if (hasOrderOrLimit()) {
        throw MySqlSyntaxErrors.error("42601", "Incorrect usage of UPDATE/DELETE with multiple tables and ORDER BY/LIMIT");
      }
      return "";
    }
  }
}
