package wiregate.engine.postgres;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.core.BaseConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.core.model.SqlState;

/**
 * Lends the engine connections of one database's pool to client sessions, one transaction at a time
 * (transaction pool mode), and remembers each physical connection's state between leases.
 */
final class ConnectionLeases {
  private static final Logger log = LoggerFactory.getLogger(ConnectionLeases.class);

  private final HikariDataSource pool;
  private final String database;
  private final Map<BaseConnection, PhysicalConnection> known = new ConcurrentHashMap<>();

  ConnectionLeases(HikariDataSource pool, String database) {
    this.pool = pool;
    this.database = database;
  }

  /**
   * Takes a free engine connection, waiting up to engine.pool.connection-timeout-ms. When none frees
   * up, the statement fails with 53300 and the client session goes on.
   */
  Lease acquire(int fetchSize) throws GatewayException {
    Connection connection;
    try {
      connection = pool.getConnection();
    } catch (SQLTransientConnectionException e) {
      throw new GatewayException(GatewayError.error(SqlState.TOO_MANY_CONNECTIONS,
          "no engine connection became free within " + pool.getConnectionTimeout() + " ms").withHint(
          "All " + pool.getMaximumPoolSize() + " engine connections for database \"" + database
              + "\" are in transactions or pinned by sessions; raise engine.pool.size or keep transactions short."),
          e);
    } catch (SQLException e) {
      throw EngineErrors.toGatewayException(e);
    }
    try {
      BaseConnection base = connection.unwrap(BaseConnection.class);
      PhysicalConnection physical = physical(base);
      return new Lease(physical, PostgresEngineSession.onConnection(connection, pool, fetchSize,
          physical.largeResults()));
    } catch (SQLException e) {
      pool.evictConnection(connection);
      throw EngineErrors.toGatewayException(e);
    }
  }

  private PhysicalConnection physical(BaseConnection base) {
    PhysicalConnection physical = known.get(base);
    if (physical == null) {
      // A new engine connection: a good moment to forget the ones the pool has closed meanwhile.
      known.values().removeIf(PhysicalConnection::closed);
      physical = new PhysicalConnection(base);
      known.put(base, physical);
    }
    return physical;
  }

  /** Ends a lease: the connection goes back to the pool, or is closed when it must not serve again. */
  void giveBack(Lease lease, boolean evict) {
    Connection connection = lease.link().connection();
    if (evict || lease.link().mustEvict()) {
      lease.physical().settings(SessionSettings.DEFAULTS);
      pool.evictConnection(connection);
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      log.debug("returning an engine connection failed", e);
    }
  }
}
