package wiregate.mysql.errors;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;

/**
 * Finds the column a rejected value was meant for, which MySQL names ("Out of range value for column
 * 'c' at row 1") and PostgreSQL does not report for type errors (a domain's CHECK, a too long
 * varchar, an integer overflow, bad input syntax). From the failed INSERT or UPDATE: the value the
 * error position points at, if the engine gave a position; otherwise the only target column whose type
 * is the one the error names. Anything less certain gives no column (the message then says less).
 */
final class ValueColumn {
  private static final Pattern TOO_LONG = Pattern.compile("^value too long for type (.+)$");
  private static final Pattern OUT_OF_RANGE = Pattern.compile("^(smallint|integer|bigint) out of range$");
  private static final Pattern NUMERIC_PRECISION = Pattern.compile("precision (\\d+), scale (\\d+)");
  private static final Pattern BAD_INPUT = Pattern.compile("^invalid input syntax for type ([a-z ]+):");
  private static final Pattern TYPMOD = Pattern.compile("\\([0-9, ]*\\)");

  private static final String COLUMNS = """
      SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), tn.nspname, t.typname,
        CASE WHEN t.typtype = 'd' THEN pg_catalog.format_type(t.typbasetype, t.typtypmod) END
      FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
        JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
      WHERE a.attrelid = pg_catalog.to_regclass(%s) AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum""";

  /** A column of the target table: name, type as format_type shows it, the type's schema and name, base type. */
  private record TableColumn(String name, String type, String typeSchema, String typeName, String baseType) {}

  private ValueColumn() {}

  /** The column and row of the rejected value, or null. */
  static StatementShape.Cell find(GatewayError error, ErrorContext context) {
    if (context.engineSql() == null) {
      return null;
    }
    StatementShape shape = StatementShape.of(context.engineSql());
    StatementShape.Target target = shape.target();
    if (target == null) {
      return null;
    }
    List<TableColumn> columns = tableColumns(target, context);
    List<String> targetColumns = !target.columns().isEmpty() ? target.columns()
        : columns.stream().map(TableColumn::name).toList();
    if (error.position() != null) {
      StatementShape.Cell cell = shape.cellAt(error.position() - 1, targetColumns);
      if (cell != null && cell.column() != null) {
        return cell;
      }
    }
    List<String> candidates = columns.stream()
        .filter(c -> targetColumns.contains(c.name()) && ofErrorType(c, error))
        .map(TableColumn::name).toList();
    return candidates.size() == 1 ? new StatementShape.Cell(1, candidates.get(0)) : null;
  }

  private static List<TableColumn> tableColumns(StatementShape.Target target, ErrorContext context) {
    String schema = target.schema() != null ? target.schema() : context.database();
    if (context.catalog() == null || schema == null) {
      return List.of();
    }
    String regclass = quoteIdentifier(schema) + "." + quoteIdentifier(target.table());
    try {
      return context.catalog().query(COLUMNS.formatted("'" + regclass.replace("'", "''") + "'")).stream()
          .map(r -> new TableColumn(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4))).toList();
    } catch (GatewayException e) {
      return List.of();
    }
  }

  /** Whether the column's type is the one the error is about. */
  private static boolean ofErrorType(TableColumn column, GatewayError error) {
    String message = error.message() == null ? "" : error.message();
    switch (error.sqlState()) {
      case "23514" -> {
        return error.dataType() != null && error.dataType().equals(column.typeName())
            && (error.schema() == null || error.schema().equals(column.typeSchema()));
      }
      case "22001" -> {
        Matcher m = TOO_LONG.matcher(message);
        return m.find() && sameType(column, m.group(1));
      }
      case "22003" -> {
        Matcher m = OUT_OF_RANGE.matcher(message);
        if (m.find()) {
          return sameType(column, m.group(1));
        }
        Matcher p = NUMERIC_PRECISION.matcher(error.detail() == null ? "" : error.detail());
        return message.startsWith("numeric field overflow")
            && (p.find() ? sameType(column, "numeric(" + p.group(1) + "," + p.group(2) + ")") : sameType(column, "numeric"));
      }
      case "22P02", "22007" -> {
        Matcher m = BAD_INPUT.matcher(message);
        return m.find() && sameType(column, m.group(1));
      }
      default -> {
        return false;
      }
    }
  }

  private static boolean sameType(TableColumn column, String type) {
    return sameType(column.type(), type) || (column.baseType() != null && sameType(column.baseType(), type));
  }

  private static boolean sameType(String columnType, String errorType) {
    if (columnType.equals(errorType)) {
      return true;
    }
    String general = TYPMOD.matcher(columnType).replaceAll("");
    return general.equals(errorType) || general.equals(errorType + " without time zone");
  }

  private static String quoteIdentifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
