package wiregate.mysql.errors;

import java.util.List;
import java.util.Map;
import wiregate.core.model.GatewayException;

/**
 * A foreign key as MySQL's errors 1451 and 1452 describe it, read from pg_constraint (PostgreSQL's
 * error names only the constraint and the child table): {@code fk_columns} and
 * {@code referenced_columns} as backticked lists, {@code referenced} the parent table, qualified with
 * its database only when that differs from the child's, as MySQL prints it.
 */
final class ForeignKeyFacts {
  private static final String LOOKUP = """
      SELECT rn.nspname, rc.relname,
        (SELECT pg_catalog.string_agg('`' || replace(a.attname, '`', '``') || '`', ', ' ORDER BY k.i)
           FROM unnest(c.conkey) WITH ORDINALITY AS k(n, i)
           JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n),
        (SELECT pg_catalog.string_agg('`' || replace(a.attname, '`', '``') || '`', ', ' ORDER BY k.i)
           FROM unnest(c.confkey) WITH ORDINALITY AS k(n, i)
           JOIN pg_catalog.pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n)
      FROM pg_catalog.pg_constraint c
        JOIN pg_catalog.pg_class cl ON cl.oid = c.conrelid JOIN pg_catalog.pg_namespace n ON n.oid = cl.relnamespace
        JOIN pg_catalog.pg_class rc ON rc.oid = c.confrelid JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
      WHERE c.contype = 'f' AND c.conname = %s AND cl.relname = %s AND n.nspname = %s""";

  private ForeignKeyFacts() {}

  /** The facts, or an empty map when the constraint cannot be found. */
  static Map<String, String> lookUp(String schema, String table, String constraint, ErrorContext.Catalog catalog) {
    if (schema == null || table == null || constraint == null || catalog == null) {
      return Map.of();
    }
    try {
      List<List<String>> rows = catalog.query(LOOKUP.formatted(literal(constraint), literal(table), literal(schema)));
      if (rows.size() != 1 || rows.get(0).get(2) == null || rows.get(0).get(3) == null) {
        return Map.of();
      }
      List<String> row = rows.get(0);
      String parent = "`" + row.get(1).replace("`", "``") + "`";
      return Map.of("fk_columns", row.get(2), "referenced_columns", row.get(3),
          "referenced", row.get(0).equals(schema) ? parent : "`" + row.get(0).replace("`", "``") + "`." + parent);
    } catch (GatewayException e) {
      return Map.of();
    }
  }

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
