package wiregate.engine.async;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.core.async.QueryDatabase;
import wiregate.core.async.QueryDatabases;
import wiregate.core.config.ConfigException;
import wiregate.core.config.DatabaseConfig;
import wiregate.core.config.GatewayConfig;
import wiregate.core.config.LiveConfig;
import wiregate.engine.postgres.EngineEndpoint;

/**
 * The async API's databases as HikariCP pools, one per configured database: the canonical engine,
 * external PostgreSQL servers through pgjdbc and MySQL servers through MySQL Connector/J. Pools
 * connect lazily, so an unreachable target fails its queries, not the gateway's start.
 *
 * <p>A configuration reload may add, change or remove databases. New and changed ones get new pools
 * at once; the pools they replace retire: they take no new queries and close once the queries that
 * run on them have finished, so a reload never interrupts a query.
 */
public final class PooledQueryDatabases implements QueryDatabases, LiveConfig.Participant, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PooledQueryDatabases.class);
  /** How long a query waits for a pooled connection before it fails. */
  private static final long CONNECTION_TIMEOUT_MS = 30_000;

  /** How often a retiring pool is checked for queries still running on it. */
  private static final long RETIRE_POLL_MS = 500;

  /** One configured database and its pool. */
  private record Pooled(DatabaseConfig config, QueryDatabase database, HikariDataSource pool) {}

  private final EngineEndpoint engine;
  private volatile Map<String, Pooled> current;
  private volatile QueryDatabases lookup;
  private final Set<HikariDataSource> retiring = ConcurrentHashMap.newKeySet();

  private PooledQueryDatabases(EngineEndpoint engine, Map<String, Pooled> pools) {
    this.engine = engine;
    publish(pools);
  }

  /** @param engine where the canonical engine is; canonical entries connect there */
  public static PooledQueryDatabases create(Map<String, DatabaseConfig> configs, EngineEndpoint engine) {
    return new PooledQueryDatabases(engine, open(configs, Map.of(), engine));
  }

  /** Pools for {@code configs}, reusing those of {@code reusable} whose settings did not change. */
  private static Map<String, Pooled> open(Map<String, DatabaseConfig> configs, Map<String, Pooled> reusable,
      EngineEndpoint engine) {
    Map<String, Pooled> pools = new LinkedHashMap<>();
    try {
      configs.forEach((id, config) -> {
        Pooled old = reusable.get(id);
        if (old != null && old.config().sameSettings(config)) {
          pools.put(id, old);
          return;
        }
        HikariDataSource pool = new HikariDataSource(poolConfig(id, config, engine));
        pools.put(id, new Pooled(config, new QueryDatabase(id, config.kind, describe(config, engine), pool), pool));
      });
    } catch (RuntimeException e) {
      pools.values().stream().filter(p -> !reusable.containsValue(p)).forEach(p -> p.pool().close());
      throw e;
    }
    return pools;
  }

  private void publish(Map<String, Pooled> pools) {
    current = pools;
    lookup = QueryDatabases.of(pools.values().stream().map(Pooled::database).toList());
  }

  /**
   * Checks the new databases (a driver that cannot be loaded, a malformed pool setting) without
   * opening anything; the switch then opens the new pools and retires the replaced ones.
   */
  @Override
  public Runnable prepare(GatewayConfig running, GatewayConfig next) throws ConfigException {
    Map<String, Pooled> before = current;
    for (Map.Entry<String, DatabaseConfig> e : next.databases.entrySet()) {
      Pooled old = before.get(e.getKey());
      if (old == null || !old.config().sameSettings(e.getValue())) {
        try {
          poolConfig(e.getKey(), e.getValue(), engine).validate();
        } catch (RuntimeException failure) {
          throw new ConfigException("bad value for 'databases." + e.getKey() + "': " + failure.getMessage());
        }
      }
    }
    return () -> {
      Map<String, Pooled> after = open(next.databases, before, engine);
      publish(after);
      before.values().stream().filter(p -> !after.containsValue(p)).forEach(this::retire);
      log.info("async databases now: {}", after.keySet());
    };
  }

  /** Closes the pool once no query uses it; queries started before the reload finish on it. */
  private void retire(Pooled replaced) {
    HikariDataSource pool = replaced.pool();
    retiring.add(pool);
    Thread.ofVirtual().name("retire-" + pool.getPoolName()).start(() -> {
      try {
        while (!pool.isClosed() && pool.getHikariPoolMXBean() != null
            && pool.getHikariPoolMXBean().getActiveConnections() > 0) {
          Thread.sleep(RETIRE_POLL_MS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        closeQuietly(pool);
        retiring.remove(pool);
      }
    });
  }

  static HikariConfig poolConfig(String id, DatabaseConfig config, EngineEndpoint engine) {
    HikariConfig hc = new HikariConfig();
    hc.setPoolName("async-" + id);
    hc.setMaximumPoolSize(config.poolSize);
    hc.setMinimumIdle(0);
    hc.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
    // Do not connect at construction: the gateway must start while a target is down.
    hc.setInitializationFailTimeout(-1);
    hc.setAutoCommit(true);
    switch (config.kind) {
      case CANONICAL -> {
        hc.setJdbcUrl(engine.urlFor(config.database != null ? config.database : engine.database()));
        hc.setUsername(engine.user());
        hc.setPassword(engine.password());
        postgresProperties(hc);
      }
      case POSTGRES -> {
        hc.setJdbcUrl(config.url);
        credentials(hc, config);
        postgresProperties(hc);
      }
      case MYSQL -> {
        hc.setJdbcUrl(config.url);
        hc.setDriverClassName("com.mysql.cj.jdbc.Driver");
        credentials(hc, config);
      }
    }
    return hc;
  }

  private static void postgresProperties(HikariConfig hc) {
    hc.setDriverClassName("org.postgresql.Driver");
    hc.addDataSourceProperty("ApplicationName", "wiregate-async");
    hc.addDataSourceProperty("tcpKeepAlive", "true");
    // Request parameters arrive as JSON strings; let the server infer their type from the SQL,
    // so "WHERE id = ?" with "42" works as it does with a literal.
    hc.addDataSourceProperty("stringtype", "unspecified");
  }

  private static void credentials(HikariConfig hc, DatabaseConfig config) {
    if (config.user != null) {
      hc.setUsername(config.user);
    }
    if (config.password != null) {
      hc.setPassword(config.password);
    }
  }

  private static String describe(DatabaseConfig config, EngineEndpoint engine) {
    if (config.description != null) {
      return config.description;
    }
    return switch (config.kind) {
      case CANONICAL -> "the canonical engine, database "
          + (config.database != null ? config.database : engine.database());
      case POSTGRES -> "PostgreSQL at " + withoutQuery(config.url);
      case MYSQL -> "MySQL at " + withoutQuery(config.url);
    };
  }

  /** URL parameters may carry credentials: never show them. */
  private static String withoutQuery(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  @Override
  public Optional<QueryDatabase> find(String id) {
    return lookup.find(id);
  }

  @Override
  public List<QueryDatabase> all() {
    return lookup.all();
  }

  @Override
  public void close() {
    current.values().forEach(p -> closeQuietly(p.pool()));
    retiring.forEach(PooledQueryDatabases::closeQuietly);
  }

  private static void closeQuietly(HikariDataSource pool) {
    try {
      pool.close();
    } catch (RuntimeException e) {
      log.warn("closing pool {} failed: {}", pool.getPoolName(), e.toString());
    }
  }
}
