package wiregate.dialect.mysql.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import wiregate.core.model.StatementKind;
import wiregate.core.mysql.MySqlStatement;

/**
 * A SHOW answered by the engine: an inner query over the wg_mysql_is views whose columns carry the
 * lower-case names of MySQL's columns (so a SHOW ... WHERE condition written against MySQL's column
 * names works on them), wrapped in an outer query that labels the columns exactly as MySQL does, in
 * MySQL's order. Optional preamble statements check that the database or table exists, raising
 * MySQL's error before the query runs.
 */
final class EngineShow {
  private final List<String> preamble = new ArrayList<>();
  private final Map<String, String> columns = new LinkedHashMap<>();
  private String innerSql;
  private String likeColumn;
  private String orderBy;

  /** The inner query; its column names must be {@link ShowFilter#innerName} of the MySQL labels. */
  EngineShow from(String sql) {
    this.innerSql = sql;
    return this;
  }

  /** A result column: MySQL's label and the expression over the inner query's columns. */
  EngineShow column(String label, String expression) {
    columns.put(label, expression);
    return this;
  }

  /** A result column taken from the inner column of the same (lower-case) name. */
  EngineShow column(String label) {
    return column(label, "s." + ShowFilter.innerName(label));
  }

  /** Which inner column LIKE matches (default: the first result column). */
  EngineShow likeOn(String innerColumn) {
    this.likeColumn = innerColumn;
    return this;
  }

  EngineShow orderBy(String expression) {
    this.orderBy = expression;
    return this;
  }

  EngineShow requireDatabase(String database) {
    preamble.add("SELECT wg_mysql_is.require_database(" + SqlText.literal(database) + ")");
    return this;
  }

  EngineShow requireTable(String database, String table) {
    preamble.add("SELECT wg_mysql_is.require_table(" + SqlText.literal(database) + ", " + SqlText.literal(table) + ")");
    return this;
  }

  MySqlStatement build(String originalText, ShowFilter filter) {
    String projection = columns.entrySet().stream()
        .map(e -> e.getValue() + " AS " + SqlText.pgIdentifier(e.getKey()))
        .collect(Collectors.joining(", "));
    String like = likeColumn != null ? likeColumn : columns.values().iterator().next();
    StringBuilder sql = new StringBuilder("SELECT ").append(projection).append(" FROM (").append(innerSql)
        .append(") AS s");
    if (!filter.isNone()) {
      sql.append(" WHERE ").append(filter.pgCondition(like));
    }
    if (orderBy != null) {
      sql.append(" ORDER BY ").append(orderBy);
    }
    return new MySqlStatement.EngineSql(originalText, preamble, sql.toString(), StatementKind.QUERY, 0,
        MySqlStatement.DmlOutcome.NONE, false);
  }
}
