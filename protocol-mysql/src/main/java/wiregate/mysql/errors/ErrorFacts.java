package wiregate.mysql.errors;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import wiregate.core.model.GatewayError;

/**
 * What an error message can say, gathered from a PostgreSQL error: the named groups of the rule's
 * match, the error's fields (table, column, constraint, schema, datatype), what the detail line
 * tells ({@code Key (id)=(5) already exists.}), and the session's current database. Placeholders:
 * message, table, column, constraint, schema, datatype, key (MySQL index name), value, key_columns,
 * referenced_table, qualified_name, db_prefix, mysql_type, and the rule's named groups.
 *
 * <p>Some facts are derived from the {@link ErrorContext} only when a template asks for them (they
 * may need a catalog query): column and row (the value an INSERT or UPDATE was refused, when the
 * error has no column), clause (where the error position lies, "field list", "where clause"...),
 * near and line (a syntax error's place in the client's text), fk_columns, referenced and
 * referenced_columns (the foreign key of errors 1451/1452).
 */
final class ErrorFacts {
  private static final Pattern KEY_DETAIL = Pattern.compile(
      "^Key \\((?<columns>.*)\\)=\\((?<values>.*)\\) (already exists|is not present in table \"(?<referenced>[^\"]*)\""
          + "|is still referenced from table \"(?<child>[^\"]*)\")\\.$");
  private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  private final Map<String, String> facts = new HashMap<>();
  private final GatewayError error;
  private final ErrorContext context;
  /** Derivations already tried (each runs at most once, whatever it found). */
  private final java.util.Set<String> derived = new java.util.HashSet<>();

  ErrorFacts(GatewayError error, ErrorContext context, Pattern match) {
    this.error = error;
    this.context = context;
    String currentDatabase = context.database();
    put("message", error.message());
    put("table", error.table());
    put("column", error.column());
    put("constraint", error.constraint());
    put("schema", error.schema() != null ? error.schema() : currentDatabase);
    put("datatype", error.dataType());
    put("db_prefix", currentDatabase != null ? currentDatabase + "." : "");
    if (match != null && error.message() != null) {
      Matcher m = match.matcher(error.message());
      if (m.find()) {
        Matcher names = GROUP_NAME.matcher(match.pattern());
        while (names.find()) {
          put(names.group(1), m.group(names.group(1)));
        }
      }
    }
    if (error.detail() != null) {
      Matcher detail = KEY_DETAIL.matcher(error.detail().strip());
      if (detail.matches()) {
        put("value", String.join("-", detail.group("values").split(", ")));
        put("key_columns", Arrays.stream(detail.group("columns").split(", "))
            .map(c -> "`" + c.replace("\"", "") + "`").collect(Collectors.joining(",")));
        put("referenced_table", detail.group("referenced"));
      }
    }
    if (facts.containsKey("constraint")) {
      put("key", mysqlIndexName(facts.get("constraint"), facts.get("table")));
    }
    String name = facts.get("name");
    if (name != null) {
      put("qualified_name", name.contains(".") || currentDatabase == null ? name : currentDatabase + "." + name);
    }
    String type = facts.get("type");
    if (type != null) {
      put("mysql_type", switch (type) {
        case "integer", "smallint", "bigint" -> "integer";
        case "numeric" -> "decimal";
        case "real", "double precision" -> "double";
        case "timestamp", "timestamp with time zone", "timestamp without time zone" -> "datetime";
        case "time", "time without time zone", "time with time zone" -> "time";
        default -> type;
      });
    }
  }

  /**
   * The MySQL name of a PostgreSQL index or constraint: PRIMARY for primary keys, else without the
   * {@code <table>_} prefix the translator adds (the same rule as the catalog's index_name()).
   */
  static String mysqlIndexName(String constraint, String table) {
    if (constraint.endsWith("_pkey")) {
      return "PRIMARY";
    }
    if (table != null && constraint.startsWith(table + "_") && constraint.length() > table.length() + 1) {
      return constraint.substring(table.length() + 1);
    }
    return constraint;
  }

  /** A fact, derived from the context on first use; null when unknown. */
  private String fact(String name) {
    String value = facts.get(name);
    if (value != null) {
      return value;
    }
    switch (name) {
      case "column", "row" -> derive("value", () -> {
        StatementShape.Cell cell = ValueColumn.find(error, context);
        put("row", cell != null ? Integer.toString(cell.row()) : "1");
        put("column", cell != null ? cell.column() : null);
      });
      case "clause" -> derive(name, () -> {
        if (error.position() != null && context.engineSql() != null) {
          put("clause", StatementShape.of(context.engineSql()).clauseAt(error.position() - 1));
        }
      });
      case "near", "line" -> derive("near", () -> {
        SyntaxErrorNear.Near near = SyntaxErrorNear.find(error, context.clientText(), context.engineSql());
        if (near != null) {
          put("near", near.text());
          put("line", Integer.toString(near.line()));
        }
      });
      case "fk_columns", "referenced", "referenced_columns" -> derive("foreign key",
          () -> ForeignKeyFacts.lookUp(facts.get("schema"), error.table(), error.constraint(), context.catalog())
              .forEach(this::put));
      default -> {
        return null;
      }
    }
    return facts.get(name);
  }

  private void derive(String what, Runnable derivation) {
    if (derived.add(what)) {
      derivation.run();
    }
  }

  private void put(String name, String value) {
    if (value != null) {
      facts.put(name, value);
    }
  }

  /** The template filled in, or null when a placeholder is unknown. */
  String render(String template) {
    Matcher m = Pattern.compile("\\{([a-z_]+)\\}").matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = fact(m.group(1));
      if (value == null) {
        return null;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The template filled in, unknown placeholders shown as {@code ?}. */
  String renderLoosely(String template) {
    Matcher m = Pattern.compile("\\{([a-z_]+)\\}").matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(java.util.Objects.requireNonNullElse(fact(m.group(1)), "?")));
    }
    m.appendTail(out);
    return out.toString();
  }
}
