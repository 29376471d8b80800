package wiregate.engine.postgres;

import java.util.LinkedHashMap;
import java.util.Map;
import org.postgresql.core.BaseConnection;

/**
 * What the gateway knows about one engine connection across the leases of transaction pool mode:
 * the settings it was last left in, the statements prepared on it and its large results. Only its
 * current lessee touches it, so it needs no locking.
 */
final class PhysicalConnection {
  /** Engine statements kept per connection; the least recently used beyond this are closed. */
  static final int MAX_STATEMENTS = 256;

  private final BaseConnection connection;
  private SessionSettings settings = SessionSettings.DEFAULTS;
  private final LargeResults largeResults = new LargeResults();
  private final Map<PreparedKey, PgPreparedQuery> statements = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<PreparedKey, PgPreparedQuery> eldest) {
      if (size() <= MAX_STATEMENTS) {
        return false;
      }
      eldest.getValue().query().close(); // pgjdbc sends the Close with this connection's next round trip
      return true;
    }
  };

  PhysicalConnection(BaseConnection connection) {
    this.connection = connection;
  }

  /** The statements whose results outgrew a batch on this connection lately. */
  LargeResults largeResults() {
    return largeResults;
  }

  SessionSettings settings() {
    return settings;
  }

  void settings(SessionSettings now) {
    settings = now;
  }

  PgPreparedQuery statement(PreparedKey key) {
    return statements.get(key);
  }

  /** Keeps a freshly prepared statement, replacing (and closing) an older one for the same key. */
  void statement(PreparedKey key, PgPreparedQuery query) {
    PgPreparedQuery old = statements.put(key, query);
    if (old != null && old != query) {
      old.query().close();
    }
  }

  int backendPid() {
    return connection.getQueryExecutor().getBackendPID();
  }

  boolean closed() {
    try {
      return connection.isClosed();
    } catch (java.sql.SQLException e) {
      return true;
    }
  }
}
