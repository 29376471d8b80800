package wiregate.engine.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.core.config.EngineConfig;
import wiregate.core.engine.Engine;
import wiregate.core.engine.EngineSession;
import wiregate.core.engine.PgWireEngine;
import wiregate.engine.postgres.wire.EngineWireConnector;
import wiregate.core.engine.SessionRequest;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.core.model.SqlState;

/**
 * A PostgreSQL engine reached through pgjdbc, with one HikariCP pool per database. In session pool
 * mode each client session holds one pooled connection for its whole life, so session state (SET,
 * temporary tables, prepared statements, advisory locks) behaves as on a direct connection. In
 * transaction pool mode a client session leases a connection per transaction ({@link
 * PooledEngineSession}); see docs/architecture.md, "Pool modes".
 */
public final class PostgresEngine implements Engine {
  private static final Logger log = LoggerFactory.getLogger(PostgresEngine.class);

  private final EngineEndpoint endpoint;
  /** Replaced as a whole on reload; a session reads it once when it opens. */
  private volatile EngineConfig config;
  private final String description;
  private final MeterRegistry meters;
  private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();
  /** Restart-only: sessions of both modes never share a pool. */
  private final EngineConfig.PoolMode poolMode;
  private final Map<String, ConnectionLeases> leases = new ConcurrentHashMap<>();
  private final GatewayProcessIds processIds = new GatewayProcessIds();
  /** The relay's connector: session pool mode on an endpoint it can reach, else null. */
  private final EngineWireConnector wire;

  /** {@code meters} gets each pool's usage (HikariCP's own {@code hikaricp.connections.*} meters). */
  public PostgresEngine(EngineEndpoint endpoint, EngineConfig config, String description, MeterRegistry meters) {
    this.endpoint = endpoint;
    this.config = config;
    this.description = description;
    this.meters = meters;
    this.poolMode = config.poolMode;
    this.wire = poolMode == EngineConfig.PoolMode.SESSION
        ? EngineWireConnector.forUrl(endpoint.jdbcUrl(), endpoint.user(), endpoint.password(), config.pool).orElse(null)
        : null;
  }

  @Override
  public java.util.Optional<PgWireEngine> pgWire() {
    return java.util.Optional.ofNullable(wire);
  }

  /**
   * Takes the reloadable settings: the fetch size for sessions opened from now on, the pool size and
   * connection timeout for every pool at once (HikariCP changes both while running; a smaller pool
   * shrinks as connections come back, no session loses its connection).
   */
  @Override
  public void reconfigure(EngineConfig next) {
    config = next;
    if (wire != null) {
      wire.reconfigure(next.pool);
    }
    for (HikariDataSource pool : pools.values()) {
      pool.getHikariConfigMXBean().setMaximumPoolSize(next.pool.size);
      pool.getHikariConfigMXBean().setConnectionTimeout(next.pool.connectionTimeoutMs);
    }
  }

  @Override
  public EngineSession openSession(SessionRequest request) throws GatewayException {
    HikariDataSource pool = pool(request.database());
    EngineConfig config = this.config;
    if (poolMode == EngineConfig.PoolMode.TRANSACTION) {
      ConnectionLeases lender = leases.computeIfAbsent(request.database(), db -> new ConnectionLeases(pool, db));
      return PooledEngineSession.open(lender, request, processIds.next(), config.fetchSize);
    }
    Connection connection;
    try {
      connection = pool.getConnection();
    } catch (SQLTransientConnectionException e) {
      throw new GatewayException(GatewayError.fatal(SqlState.TOO_MANY_CONNECTIONS,
          "sorry, too many clients already").withHint(
          "All " + config.pool.size + " engine connections for database \"" + request.database()
              + "\" are in use; raise engine.pool.size."), e);
    } catch (SQLException e) {
      throw new GatewayException(EngineErrors.toError(e).withSeverity(GatewayError.FATAL), e);
    }
    return PostgresEngineSession.open(connection, pool, request, config.fetchSize);
  }

  private HikariDataSource pool(String database) throws GatewayException {
    HikariDataSource existing = pools.get(database);
    if (existing != null) {
      return existing;
    }
    synchronized (pools) {
      existing = pools.get(database);
      if (existing != null) {
        return existing;
      }
      HikariDataSource created = createPool(database);
      pools.put(database, created);
      return created;
    }
  }

  private HikariDataSource createPool(String database) throws GatewayException {
    HikariConfig hc = new HikariConfig();
    EngineConfig config = this.config;
    hc.setPoolName("engine-" + database);
    hc.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
    hc.setJdbcUrl(endpoint.urlFor(database));
    hc.setUsername(endpoint.user());
    hc.setPassword(endpoint.password());
    hc.setMaximumPoolSize(config.pool.size);
    hc.setMinimumIdle(0);
    hc.setConnectionTimeout(config.pool.connectionTimeoutMs);
    hc.setAutoCommit(true);
    // The gateway relays what the client asked for: encodings other than UTF8 must not kill the link.
    hc.addDataSourceProperty("allowEncodingChanges", "true");
    hc.addDataSourceProperty("ApplicationName", "wiregate");
    hc.addDataSourceProperty("tcpKeepAlive", "true");
    // Client statements keep their engine statements across DDL, as on a direct connection (the
    // engine itself re-plans or reports "cached plan must not change result type").
    hc.addDataSourceProperty("flushCacheOnDdl", "false");
    // Statement savepoints for MySQL sessions (PostgresEngineSession.atomically) are released after
    // each statement, pipelined; autosave itself stays off except while such a statement runs.
    hc.addDataSourceProperty("cleanupSavepoints", "true");
    try {
      return new HikariDataSource(hc);
    } catch (HikariPool.PoolInitializationException e) {
      if (e.getCause() instanceof PSQLException p) {
        throw new GatewayException(EngineErrors.toError(p).withSeverity(GatewayError.FATAL), e);
      }
      throw new GatewayException(GatewayError.fatal(SqlState.CANNOT_CONNECT_NOW,
          "the engine is not reachable: " + e.getMessage()), e);
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    pools.values().forEach(pool -> {
      try {
        pool.close();
      } catch (RuntimeException e) {
        log.warn("closing engine pool {} failed: {}", pool.getPoolName(), e.toString());
      }
    });
    pools.clear();
    leases.clear();
  }
}
