package wiregate.dialect.mysql.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import wiregate.core.model.StatementKind;
import wiregate.core.mysql.MySqlStatement;

/**
 * A SHOW result computed in the gateway. Without a filter or with LIKE it is answered locally
 * (LocalResult); with WHERE, MySQL expressions must be evaluated, so the rows go to the engine as a
 * VALUES list and the translated condition filters them there.
 */
record LocalTable(List<String> columns, List<String> types, List<List<String>> rows) {

  MySqlStatement toStatement(String originalText, ShowFilter filter) {
    if (filter.pgWhere() == null) {
      List<List<String>> kept = rows.stream().filter(r -> filter.matches(r.get(0))).toList();
      return new MySqlStatement.LocalResult(originalText, columns, types, kept);
    }
    List<String> inner = columns.stream().map(ShowFilter::innerName).toList();
    List<String> pgTypes = types.stream().map(LocalTable::pgType).toList();
    String projection = new ArrayList<>(columns).stream()
        .map(c -> ShowFilter.innerName(c) + " AS " + SqlText.pgIdentifier(c))
        .collect(Collectors.joining(", "));
    String source;
    if (rows.isEmpty()) {
      List<String> nulls = new ArrayList<>();
      for (int i = 0; i < inner.size(); i++) {
        nulls.add("NULL::" + pgTypes.get(i) + " AS " + inner.get(i));
      }
      source = "(SELECT " + String.join(", ", nulls) + " WHERE false) AS s";
    } else {
      source = "(VALUES " + rows.stream().map(r -> row(r, pgTypes)).collect(Collectors.joining(", "))
          + ") AS s(" + String.join(", ", inner) + ")";
    }
    String sql = "SELECT " + projection + " FROM " + source + " WHERE " + filter.pgCondition(null);
    return MySqlStatement.EngineSql.simple(originalText, sql, StatementKind.QUERY, 0);
  }

  /** Typed values, so that the engine's result has the same column types as the local answer. */
  private static String row(List<String> values, List<String> pgTypes) {
    List<String> typed = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      typed.add(SqlText.literal(values.get(i)) + "::" + pgTypes.get(i));
    }
    return "(" + String.join(", ", typed) + ")";
  }

  /** The engine type of a local column's MySQL type name (only BIGINT columns are numeric here). */
  private static String pgType(String mysqlType) {
    return mysqlType.equals("BIGINT") ? "bigint" : "text";
  }
}
