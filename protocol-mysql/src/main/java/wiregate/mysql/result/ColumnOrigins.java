package wiregate.mysql.result;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import wiregate.core.model.Column;
import wiregate.core.model.GatewayException;

/**
 * What the engine's catalog says about table columns that appear in results: schema, table and
 * column names, NOT NULL, key membership, AUTO_INCREMENT, and the MySQL type a wg_mysql domain
 * records. MySQL clients read these from the column definitions (Connector/J's
 * ResultSetMetaData, TINYINT(1) as boolean, UNSIGNED). Shared by all MySQL sessions of one engine
 * database; entries expire so that DDL from other protocols shows up, and MySQL DDL clears it.
 *
 * <p>Lookups run on a catalog connection of their own, not on the asking client's: they happen while
 * that client's engine session is busy streaming the very result being described.
 */
public final class ColumnOrigins {
  /** Runs a catalog query on the engine for the session that asks; rows of text. */
  @FunctionalInterface
  public interface CatalogQuery {
    List<List<String>> run(String sql) throws GatewayException;
  }

  /** One table column's catalog facts. {@code mysqlType} is null for plain PostgreSQL types. */
  public record Origin(String schema, String table, String column, String mysqlType, boolean notNull,
      boolean primaryKey, boolean uniqueKey, boolean multipleKey, boolean autoIncrement) {}

  private static final String TABLE_COLUMNS = """
      SELECT a.attnum, n.nspname, c.relname, a.attname, a.attnotnull,
        (SELECT obj_description(t.oid, 'pg_type') FROM pg_type t WHERE t.oid = a.atttypid AND t.typtype = 'd'),
        EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY (i.indkey)),
        EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisunique AND NOT i.indisprimary
                AND i.indnatts = 1 AND i.indkey[0] = a.attnum),
        EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND NOT (i.indisunique AND i.indnatts = 1)
                AND NOT i.indisprimary AND i.indkey[0] = a.attnum),
        a.attidentity <> '' OR EXISTS (SELECT 1 FROM pg_depend d JOIN pg_class s ON s.oid = d.objid
                AND s.relkind = 'S' WHERE d.refobjid = c.oid AND d.refobjsubid = a.attnum AND d.deptype IN ('a', 'i'))
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE a.attrelid = %d AND a.attnum > 0 AND NOT a.attisdropped""";

  private static final int BYTEA = 17;
  /** Types below this OID are built in, never domains. */
  private static final int FIRST_USER_OID = 16384;

  /** How long looked-up facts serve before the catalog is asked again (DDL from other protocols). */
  static final Duration EXPIRY = Duration.ofSeconds(30);

  private final CatalogQuery query;
  private final Cache<Integer, Map<Integer, Origin>> tables = Caffeine.newBuilder()
      .maximumSize(10_000).expireAfterWrite(EXPIRY).build();
  /** Bumped by {@link #invalidate()}, so that descriptions built from older facts can tell. */
  private final AtomicLong generation = new AtomicLong();

  public ColumnOrigins(CatalogQuery query) {
    this.query = query;
  }

  /** The catalog connection the lookups run on (error messages look up foreign keys and columns too). */
  public CatalogQuery catalog() {
    return query;
  }

  private final Cache<Integer, Integer> baseTypes = Caffeine.newBuilder().maximumSize(10_000).build();

  /** Whether values of the engine type are bytes: bytea itself or a domain over it (wg_mysql BLOB types). */
  public boolean isBytea(int typeOid) throws GatewayException {
    if (typeOid == BYTEA || Integer.compareUnsigned(typeOid, FIRST_USER_OID) < 0) {
      return typeOid == BYTEA;
    }
    Integer base = baseTypes.getIfPresent(typeOid);
    if (base == null) {
      List<List<String>> rows = query.run("SELECT typbasetype FROM pg_catalog.pg_type WHERE oid = "
          + Integer.toUnsignedLong(typeOid));
      base = rows.isEmpty() ? 0 : (int) Long.parseLong(rows.get(0).get(0));
      baseTypes.put(typeOid, base);
    }
    return base == BYTEA;
  }

  public void invalidate() {
    generation.incrementAndGet();
    tables.invalidateAll();
  }

  /** When facts were looked up: a description built from them is as current as the cache itself. */
  public record Stamp(long generation, long nanos) {}

  public Stamp stamp() {
    return new Stamp(generation.get(), System.nanoTime());
  }

  /** Facts looked up at {@code stamp} would still be served from the cache now. */
  public boolean current(Stamp stamp) {
    return stamp.generation() == generation.get() && System.nanoTime() - stamp.nanos() < EXPIRY.toNanos();
  }

  /**
   * The origin of each result column (null where a column is computed), looked up once per table.
   */
  public List<Origin> lookup(List<Column> columns) throws GatewayException {
    List<Origin> out = new ArrayList<>(columns.size());
    Map<Integer, Map<Integer, Origin>> seen = new HashMap<>();
    for (Column c : columns) {
      if (c.tableOid() == 0 || c.columnNumber() <= 0) {
        out.add(null);
        continue;
      }
      Map<Integer, Origin> table = seen.get(c.tableOid());
      if (table == null) {
        table = tables.getIfPresent(c.tableOid());
        if (table == null) {
          table = load(c.tableOid());
          tables.put(c.tableOid(), table);
        }
        seen.put(c.tableOid(), table);
      }
      out.add(table.get((int) c.columnNumber()));
    }
    return out;
  }

  private Map<Integer, Origin> load(int tableOid) throws GatewayException {
    Map<Integer, Origin> columns = new HashMap<>();
    for (List<String> r : query.run(TABLE_COLUMNS.formatted(Integer.toUnsignedLong(tableOid)))) {
      columns.put(Integer.parseInt(r.get(0)), new Origin(r.get(1), r.get(2), r.get(3), r.get(5),
          "t".equals(r.get(4)), "t".equals(r.get(6)), "t".equals(r.get(7)), "t".equals(r.get(8)),
          "t".equals(r.get(9))));
    }
    return columns;
  }
}
