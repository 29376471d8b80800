package wiregate.dialect.mysql.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import wiregate.core.model.GatewayException;
import wiregate.core.mysql.MySqlContext;
import wiregate.core.mysql.MySqlStatement;
import wiregate.dialect.mysql.catalog.ShowStatements.TableName;

/**
 * SHOW CREATE TABLE / VIEW / DATABASE: MySQL 8.0's DDL text built from the wg_mysql_is views.
 * The layout is what MySQL prints and what tools parse with regular expressions (SQLAlchemy's MySQL
 * reflection in particular): backticked names, two-space indentation, one column or key per line,
 * PRIMARY KEY, then UNIQUE KEYs, then KEYs, then foreign keys and checks, and the table options line
 * {@code ) ENGINE=InnoDB ... DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci}.
 */
final class ShowCreate {
  private static final String DEFAULT_COLLATION = "utf8mb4_0900_ai_ci";

  private final MySqlContext context;
  private final String text;

  ShowCreate(MySqlContext context, String text) {
    this.context = context;
    this.text = text;
  }

  MySqlStatement table(TableName table) throws GatewayException {
    List<List<String>> info = context.query("SELECT table_type, table_comment, auto_increment FROM wg_mysql_is.tables"
        + where(table));
    if (info.isEmpty()) {
      throw MySqlErrors.noSuchTable(table.database(), table.name());
    }
    if (!info.get(0).get(0).equals("BASE TABLE")) {
      return view(table);
    }
    String ddl = tableDdl(table, info.get(0).get(1), info.get(0).get(2));
    return new MySqlStatement.LocalResult(text, List.of("Table", "Create Table"), List.of("VARCHAR", "VARCHAR"),
        List.of(List.of(table.name(), ddl)));
  }

  MySqlStatement view(TableName table) throws GatewayException {
    List<List<String>> rows = context.query("SELECT view_definition, definer FROM wg_mysql_is.views" + where(table));
    if (rows.isEmpty()) {
      throw MySqlErrors.noSuchTable(table.database(), table.name());
    }
    String definition = rows.get(0).get(0).strip();
    if (definition.endsWith(";")) {
      definition = definition.substring(0, definition.length() - 1);
    }
    String definer = rows.get(0).get(1).replace("@%", "");
    String ddl = "CREATE ALGORITHM=UNDEFINED DEFINER=" + SqlText.backticked(definer) + "@`%` SQL SECURITY DEFINER VIEW "
        + SqlText.backticked(table.name()) + " AS " + definition.replaceAll("\\s+", " ");
    return new MySqlStatement.LocalResult(text,
        List.of("View", "Create View", "character_set_client", "collation_connection"),
        List.of("VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR"),
        List.of(List.of(table.name(), ddl, "utf8mb4", DEFAULT_COLLATION)));
  }

  MySqlStatement database(String database, boolean ifNotExists) throws GatewayException {
    if (context.query("SELECT 1 FROM wg_mysql_is.schemata WHERE schema_name = " + SqlText.literal(database)).isEmpty()) {
      throw MySqlErrors.unknownDatabase(database);
    }
    String ddl = "CREATE DATABASE " + (ifNotExists ? "/*!32312 IF NOT EXISTS*/ " : "") + SqlText.backticked(database)
        + " /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE " + DEFAULT_COLLATION + " */ /*!80016 DEFAULT ENCRYPTION='N' */";
    return new MySqlStatement.LocalResult(text, List.of("Database", "Create Database"), List.of("VARCHAR", "VARCHAR"),
        List.of(List.of(database, ddl)));
  }

  private String tableDdl(TableName table, String comment, String autoIncrement) throws GatewayException {
    List<String> lines = new ArrayList<>();
    for (List<String> column : context.query("SELECT column_name, column_type, is_nullable, column_default, extra,"
        + " column_comment, collation_name, generation_expression FROM wg_mysql_is.columns" + where(table)
        + " ORDER BY ordinal_position")) {
      lines.add(columnLine(column));
    }
    lines.addAll(keyLines(table));
    lines.addAll(foreignKeyLines(table));
    lines.addAll(checkLines(table));
    StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(SqlText.backticked(table.name())).append(" (\n");
    ddl.append(String.join(",\n", lines)).append("\n) ENGINE=InnoDB");
    if (autoIncrement != null && Long.parseLong(autoIncrement) > 1) {
      ddl.append(" AUTO_INCREMENT=").append(autoIncrement);
    }
    ddl.append(" DEFAULT CHARSET=utf8mb4 COLLATE=").append(DEFAULT_COLLATION);
    if (comment != null && !comment.isEmpty()) {
      ddl.append(" COMMENT=").append(SqlText.mysqlLiteral(comment));
    }
    return ddl.toString();
  }

  /** {@code `name` type [COLLATE x] [NOT NULL] [DEFAULT ...] [ON UPDATE ...] [AUTO_INCREMENT] [COMMENT '...']}. */
  private static String columnLine(List<String> c) {
    String name = c.get(0);
    String type = c.get(1);
    boolean nullable = c.get(2).equals("YES");
    String defaultValue = c.get(3);
    String extra = c.get(4);
    String comment = c.get(5);
    String collation = c.get(6);
    String generation = c.get(7);
    StringBuilder line = new StringBuilder("  ").append(SqlText.backticked(name)).append(' ').append(type);
    if (collation != null && !collation.equals(DEFAULT_COLLATION)) {
      line.append(" COLLATE ").append(collation);
    }
    if (generation != null && !generation.isEmpty()) {
      line.append(" GENERATED ALWAYS AS (").append(generation).append(") STORED");
      if (!nullable) {
        line.append(" NOT NULL");
      }
    } else {
      if (!nullable) {
        line.append(" NOT NULL");
      } else if (type.startsWith("timestamp")) {
        line.append(" NULL"); // MySQL spells out NULL for nullable TIMESTAMP columns
      }
      boolean autoIncrement = extra.contains("auto_increment");
      if (defaultValue != null) {
        line.append(" DEFAULT ").append(defaultSql(defaultValue, extra));
      } else if (nullable && !autoIncrement && !hasImplicitDefault(type)) {
        line.append(" DEFAULT NULL");
      }
      if (extra.contains("on update CURRENT_TIMESTAMP")) {
        String fsp = type.matches("\\w+\\(\\d+\\)") ? type.substring(type.indexOf('(')) : "";
        line.append(" ON UPDATE CURRENT_TIMESTAMP").append(fsp);
      }
      if (autoIncrement) {
        line.append(" AUTO_INCREMENT");
      }
    }
    if (comment != null && !comment.isEmpty()) {
      line.append(" COMMENT ").append(SqlText.mysqlLiteral(comment));
    }
    return line.toString();
  }

  /** MySQL prints no {@code DEFAULT NULL} for types that cannot have a literal default. */
  private static boolean hasImplicitDefault(String type) {
    return type.matches("(tiny|medium|long)?(text|blob)|json|geometry.*");
  }

  private static String defaultSql(String value, String extra) {
    if (extra.contains("DEFAULT_GENERATED")) {
      return value.matches("CURRENT_TIMESTAMP(\\(\\d+\\))?") ? value : "(" + value + ")";
    }
    return SqlText.mysqlLiteral(value);
  }

  private List<String> keyLines(TableName table) throws GatewayException {
    record Key(String name, boolean unique, String type, List<String> parts) {}
    Map<String, Key> keys = new LinkedHashMap<>();
    for (List<String> row : context.query("SELECT index_name, non_unique, column_name, expression, \"collation\","
        + " index_type FROM wg_mysql_is.statistics" + where(table)
        + " ORDER BY index_name = 'PRIMARY' DESC, non_unique, index_name, seq_in_index")) {
      String part = row.get(2) != null ? SqlText.backticked(row.get(2)) : "(" + row.get(3) + ")";
      if ("D".equals(row.get(4))) {
        part += " DESC";
      }
      String finalPart = part;
      keys.computeIfAbsent(row.get(0), n -> new Key(n, row.get(1).equals("0"), row.get(5), new ArrayList<>()))
          .parts().add(finalPart);
    }
    List<String> lines = new ArrayList<>();
    for (Key key : keys.values()) {
      String columns = " (" + String.join(",", key.parts()) + ")";
      String using = key.type().equals("HASH") ? " USING HASH" : "";
      if (key.name().equals("PRIMARY")) {
        lines.add("  PRIMARY KEY" + columns + using);
      } else if (key.unique()) {
        lines.add("  UNIQUE KEY " + SqlText.backticked(key.name()) + columns + using);
      } else {
        lines.add("  KEY " + SqlText.backticked(key.name()) + columns + using);
      }
    }
    return lines;
  }

  private List<String> foreignKeyLines(TableName table) throws GatewayException {
    record ForeignKey(String name, List<String> columns, String refSchema, String refTable, List<String> refColumns,
        String onDelete, String onUpdate) {}
    Map<String, ForeignKey> keys = new LinkedHashMap<>();
    for (List<String> row : context.query("SELECT k.constraint_name, k.column_name, k.referenced_table_schema,"
        + " k.referenced_table_name, k.referenced_column_name, r.delete_rule, r.update_rule"
        + " FROM wg_mysql_is.key_column_usage k JOIN wg_mysql_is.referential_constraints r"
        + " ON r.constraint_schema = k.constraint_schema AND r.constraint_name = k.constraint_name"
        + " AND r.table_name = k.table_name"
        + " WHERE k.table_schema = " + SqlText.literal(table.database()) + " AND k.table_name = "
        + SqlText.literal(table.name()) + " AND k.referenced_table_name IS NOT NULL"
        + " ORDER BY k.constraint_name, k.ordinal_position")) {
      ForeignKey key = keys.computeIfAbsent(row.get(0), n -> new ForeignKey(n, new ArrayList<>(), row.get(2), row.get(3),
          new ArrayList<>(), row.get(5), row.get(6)));
      key.columns().add(SqlText.backticked(row.get(1)));
      key.refColumns().add(SqlText.backticked(row.get(4)));
    }
    List<String> lines = new ArrayList<>();
    for (ForeignKey key : keys.values()) {
      String target = (key.refSchema().equals(table.database()) ? "" : SqlText.backticked(key.refSchema()) + ".")
          + SqlText.backticked(key.refTable());
      StringBuilder line = new StringBuilder("  CONSTRAINT ").append(SqlText.backticked(key.name()))
          .append(" FOREIGN KEY (").append(String.join(", ", key.columns())).append(") REFERENCES ")
          .append(target).append(" (").append(String.join(", ", key.refColumns())).append(')');
      if (!isDefaultRule(key.onDelete())) {
        line.append(" ON DELETE ").append(key.onDelete());
      }
      if (!isDefaultRule(key.onUpdate())) {
        line.append(" ON UPDATE ").append(key.onUpdate());
      }
      lines.add(line.toString());
    }
    return lines;
  }

  private static boolean isDefaultRule(String rule) {
    return rule.equals("NO ACTION") || rule.equals("RESTRICT");
  }

  private List<String> checkLines(TableName table) throws GatewayException {
    return context.query("SELECT c.constraint_name, c.check_clause FROM wg_mysql_is.check_constraints c"
            + " JOIN wg_mysql_is.table_constraints t ON t.constraint_schema = c.constraint_schema"
            + " AND t.constraint_name = c.constraint_name AND t.constraint_type = 'CHECK'"
            + " WHERE t.table_schema = " + SqlText.literal(table.database()) + " AND t.table_name = "
            + SqlText.literal(table.name()) + " ORDER BY c.constraint_name")
        .stream()
        .map(r -> "  CONSTRAINT " + SqlText.backticked(r.get(0)) + " CHECK ((" + r.get(1) + "))")
        .collect(Collectors.toList());
  }

  private static String where(TableName table) {
    return " WHERE table_schema = " + SqlText.literal(table.database()) + " AND table_name = "
        + SqlText.literal(table.name());
  }
}
