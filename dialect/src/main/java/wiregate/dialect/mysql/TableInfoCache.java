package wiregate.dialect.mysql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import wiregate.core.model.GatewayException;

/**
 * What INSERT translation needs to know about a table (spec 8): its columns in order, its
 * AUTO_INCREMENT column (identity, or a default nextval of a sequence the column owns: spec 6), its
 * unique keys, primary key first, and its columns' types (BIT(n) and BINARY(n) columns take values
 * PostgreSQL's types do not: see ColumnValues). Read from pg_catalog through the session and cached
 * until DDL.
 */
final class TableInfoCache {
  /**
   * @param columnTypes each column's PostgreSQL type as {@code format_type} writes it, by column name
   */
  record TableInfo(List<String> columns, String autoIncrement, List<List<String>> uniqueKeys,
      Map<String, String> columnTypes) {
    TableInfo(List<String> columns, String autoIncrement, List<List<String>> uniqueKeys) {
      this(columns, autoIncrement, uniqueKeys, Map.of());
    }

    /** The column's type, or null when unknown. */
    String typeOf(String column) {
      return columnTypes.get(column);
    }
  }

  private final Cache<String, TableInfo> cache = Caffeine.newBuilder().maximumSize(10_000).build();

  /** The table named {@code pgName} (as written in SQL, resolved with the session's search_path). */
  Optional<TableInfo> get(SessionValues session, String pgName) throws GatewayException {
    String key = session.database() + "\u0000" + pgName;
    TableInfo cached = cache.getIfPresent(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    List<List<String>> rows = session.context().query(query(pgName));
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    TableInfo info = parse(rows);
    cache.put(key, info);
    return Optional.of(info);
  }

  void clear() {
    cache.invalidateAll();
  }

  static String query(String pgName) {
    String rel = "to_regclass(" + PgText.literal(pgName) + ")";
    return "SELECT 'c', a.attname::text, CASE WHEN a.attidentity <> '' OR EXISTS (SELECT 1 FROM pg_catalog.pg_depend d"
        + " JOIN pg_catalog.pg_class q ON q.oid = d.objid AND q.relkind = 'S' WHERE d.classid = 'pg_catalog.pg_class'::regclass"
        + " AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjid = a.attrelid AND d.refobjsubid = a.attnum"
        + " AND d.deptype IN ('a', 'i')) THEN 't' ELSE 'f' END, a.attnum::text,"
        + " pg_catalog.format_type(a.atttypid, a.atttypmod)"
        + " FROM pg_catalog.pg_attribute a WHERE a.attrelid = " + rel + " AND a.attnum > 0 AND NOT a.attisdropped"
        + " UNION ALL SELECT 'k', a.attname::text, CASE WHEN i.indisprimary THEN 'p' ELSE 'u' END, i.indexrelid::text,"
        + " k.ord::text FROM pg_catalog.pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)"
        + " JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
        + " WHERE i.indrelid = " + rel + " AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL";
  }

  static TableInfo parse(List<List<String>> rows) {
    List<List<String>> columns = new ArrayList<>();
    List<List<String>> keyRows = new ArrayList<>();
    for (List<String> row : rows) {
      (row.get(0).equals("c") ? columns : keyRows).add(row);
    }
    columns.sort(Comparator.comparingInt(r -> Integer.parseInt(r.get(3))));
    keyRows.sort(Comparator.<List<String>, Boolean>comparing(r -> !r.get(2).equals("p"))
        .thenComparingLong(r -> Long.parseLong(r.get(3))).thenComparingInt(r -> Integer.parseInt(r.get(4))));
    List<String> names = new ArrayList<>();
    String autoIncrement = null;
    Map<String, String> types = new LinkedHashMap<>();
    for (List<String> c : columns) {
      names.add(c.get(1));
      types.put(c.get(1), c.get(4));
      if (autoIncrement == null && c.get(2).equals("t")) {
        autoIncrement = c.get(1);
      }
    }
    Map<String, List<String>> keys = new LinkedHashMap<>();
    for (List<String> k : keyRows) {
      keys.computeIfAbsent(k.get(3), x -> new ArrayList<>()).add(k.get(1));
    }
    return new TableInfo(List.copyOf(names), autoIncrement, List.copyOf(keys.values()),
        java.util.Collections.unmodifiableMap(types));
  }
}
