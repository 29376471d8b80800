package wiregate.engine.async;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.core.async.QueryDatabase;
import wiregate.core.async.QueryDatabases;
import wiregate.core.config.DatabaseConfig;
import wiregate.engine.postgres.EngineEndpoint;

/**
 * The async API's databases as HikariCP pools, one per configured database: the canonical engine,
 * external PostgreSQL servers through pgjdbc and MySQL servers through MySQL Connector/J. Pools
 * connect lazily, so an unreachable target fails its queries, not the gateway's start.
 */
public final class PooledQueryDatabases implements QueryDatabases, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PooledQueryDatabases.class);
  /** How long a query waits for a pooled connection before it fails. */
  private static final long CONNECTION_TIMEOUT_MS = 30_000;

  private final List<HikariDataSource> pools;
  private final QueryDatabases databases;

  private PooledQueryDatabases(List<HikariDataSource> pools, List<QueryDatabase> databases) {
    this.pools = pools;
    this.databases = QueryDatabases.of(databases);
  }

  /** @param engine where the canonical engine is; canonical entries connect there */
  public static PooledQueryDatabases create(Map<String, DatabaseConfig> configs, EngineEndpoint engine) {
    List<HikariDataSource> pools = new ArrayList<>();
    List<QueryDatabase> databases = new ArrayList<>();
    try {
      configs.forEach((id, config) -> {
        HikariDataSource pool = new HikariDataSource(poolConfig(id, config, engine));
        pools.add(pool);
        databases.add(new QueryDatabase(id, config.kind, describe(config, engine), pool));
      });
    } catch (RuntimeException e) {
      pools.forEach(HikariDataSource::close);
      throw e;
    }
    return new PooledQueryDatabases(pools, databases);
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
    return databases.find(id);
  }

  @Override
  public List<QueryDatabase> all() {
    return databases.all();
  }

  @Override
  public void close() {
    for (HikariDataSource pool : pools) {
      try {
        pool.close();
      } catch (RuntimeException e) {
        log.warn("closing pool {} failed: {}", pool.getPoolName(), e.toString());
      }
    }
  }
}
