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
    String projection = new ArrayList<>(columns).stream()
        .map(c -> ShowFilter.innerName(c) + " AS " + SqlText.pgIdentifier(c))
        .collect(Collectors.joining(", "));
    String source;
    if (rows.isEmpty()) {
      source = "(SELECT " + inner.stream().map(c -> "NULL::text AS " + c).collect(Collectors.joining(", "))
          + " WHERE false) AS s";
    } else {
      source = "(VALUES " + rows.stream()
          .map(r -> "(" + r.stream().map(SqlText::literal).collect(Collectors.joining(", ")) + ")")
          .collect(Collectors.joining(", "))
          + ") AS s(" + String.join(", ", inner) + ")";
    }
    String sql = "SELECT " + projection + " FROM " + source + " WHERE " + filter.pgCondition(null);
    return MySqlStatement.EngineSql.simple(originalText, sql, StatementKind.QUERY, 0);
  }
}
