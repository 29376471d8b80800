package wiregate.engine.postgres;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Query;
import org.postgresql.core.QueryExecutor;
import org.postgresql.core.ResultCursor;
import org.postgresql.core.ResultHandlerBase;
import org.postgresql.core.TransactionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.core.engine.EngineSession;
import wiregate.core.engine.SessionRequest;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.core.model.ResultSink;
import wiregate.core.model.SqlState;
import wiregate.core.model.Statement;
import wiregate.core.model.StatementKind;
import wiregate.core.model.TransactionStatus;

/**
 * Runs a client's statements on its pinned engine connection through pgjdbc's protocol layer
 * ({@link QueryExecutor}), which hands over raw text values and the real command tags.
 *
 * <p>Streaming needs a named portal, and a portal only outlives its first batch inside a transaction
 * block. So a row-returning statement that arrives outside a block runs in an implicit one (BEGIN is
 * sent with it, COMMIT after), just as PostgreSQL wraps a simple query in an implicit transaction.
 */
final class PostgresEngineSession implements EngineSession {
  private static final Logger log = LoggerFactory.getLogger(PostgresEngineSession.class);
  /** One-shot (unnamed) statements in text format, and always the real command tag, rows or not. */
  private static final int BASE_FLAGS = QueryExecutor.QUERY_ONESHOT | QueryExecutor.QUERY_NO_BINARY_TRANSFER
      | QueryExecutor.QUERY_BOTH_ROWS_AND_STATUS;
  private static final java.util.regex.Pattern FETCH = java.util.regex.Pattern.compile(
      "^(\\s|--[^\\n]*\\n|/\\*.*?\\*/)*fetch\\b", java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL);

  private final Connection connection;
  private final HikariDataSource pool;
  private final QueryExecutor executor;
  private final int fetchSize;
  private volatile boolean running;
  private boolean broken;

  private PostgresEngineSession(Connection connection, HikariDataSource pool, QueryExecutor executor,
      int fetchSize) {
    this.connection = connection;
    this.pool = pool;
    this.executor = executor;
    this.fetchSize = fetchSize;
  }

  static PostgresEngineSession open(Connection connection, HikariDataSource pool, SessionRequest request,
      int fetchSize) throws GatewayException {
    try {
      QueryExecutor executor = connection.unwrap(BaseConnection.class).getQueryExecutor();
      PostgresEngineSession session = new PostgresEngineSession(connection, pool, executor, fetchSize);
      session.applySettings(request.settings());
      return session;
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new GatewayException(EngineErrors.toError(e).withSeverity(GatewayError.FATAL), e);
    }
  }

  /** The client's start-up settings, applied as PostgreSQL applies them: a bad one ends the session. */
  private void applySettings(Map<String, String> settings) throws SQLException {
    if (settings.isEmpty()) {
      return;
    }
    try (PreparedStatement set = connection.prepareStatement("select pg_catalog.set_config(?, ?, false)")) {
      for (Map.Entry<String, String> setting : settings.entrySet()) {
        set.setString(1, setting.getKey());
        set.setString(2, setting.getValue());
        set.execute();
      }
    }
  }

  @Override
  public void execute(Statement statement, ResultSink sink) throws GatewayException {
    if (statement.kind() == StatementKind.COPY_WITH_CLIENT) {
      throw new GatewayException(GatewayError.error(SqlState.FEATURE_NOT_SUPPORTED,
          "COPY FROM STDIN and COPY TO STDOUT are not supported by this gateway yet"));
    }
    boolean streams = statement.kind() == StatementKind.QUERY;
    boolean implicitBlock = streams && executor.getTransactionState() == TransactionState.IDLE;
    int flags = BASE_FLAGS;
    if (streams) {
      flags |= QueryExecutor.QUERY_FORWARD_CURSOR;
    }
    if (!implicitBlock) {
      flags |= QueryExecutor.QUERY_SUPPRESS_BEGIN;
    }
    StreamingResultHandler handler = new StreamingResultHandler(sink);
    running = true;
    try {
      Query query = executor.createSimpleQuery(statement.sql());
      executor.execute(query, null, handler, 0, streams ? fetchSize : 0, flags);
      ResultCursor cursor = handler.takeCursor();
      if (cursor != null) {
        while (cursor != null) {
          executor.fetch(cursor, handler, fetchSize, false);
          cursor = handler.takeCursor();
        }
        // pgjdbc does not pass on the tag of a portal finished by fetch(); PostgreSQL's would be this.
        handler.complete((FETCH.matcher(statement.sql()).find() ? "FETCH " : "SELECT ") + handler.rowCount());
      }
    } catch (SQLException e) {
      throw failure(e, implicitBlock);
    } finally {
      running = false;
    }
    if (implicitBlock) {
      endImplicitBlock("COMMIT");
    }
  }

  private GatewayException failure(SQLException e, boolean implicitBlock) {
    GatewayException failure = EngineErrors.toGatewayException(e);
    if (failure.isFatal() || executor.isClosed()) {
      broken = true;
    } else if (implicitBlock) {
      try {
        endImplicitBlock("ROLLBACK");
      } catch (GatewayException rollbackFailure) {
        log.debug("rollback of an implicit block failed", rollbackFailure);
      }
    }
    return failure;
  }

  private void endImplicitBlock(String command) throws GatewayException {
    if (executor.getTransactionState() == TransactionState.IDLE) {
      return;
    }
    String effective = executor.getTransactionState() == TransactionState.FAILED ? "ROLLBACK" : command;
    try {
      runQuietly(effective);
    } catch (SQLException e) {
      // A deferred constraint fails at COMMIT: that is the statement's error.
      throw EngineErrors.toGatewayException(e);
    }
  }

  @Override
  public boolean beginImplicitBlock() throws GatewayException {
    if (executor.getTransactionState() != TransactionState.IDLE) {
      return false;
    }
    try {
      runQuietly("BEGIN");
    } catch (SQLException e) {
      throw failure(e, false);
    }
    return true;
  }

  @Override
  public void endImplicitBlock(boolean commit) throws GatewayException {
    endImplicitBlock(commit ? "COMMIT" : "ROLLBACK");
  }

  /** Runs a gateway-issued utility statement whose outcome the client does not see. */
  private void runQuietly(String sql) throws SQLException {
    executor.execute(executor.createSimpleQuery(sql), null, new DiscardingHandler(), 0, 0,
        BASE_FLAGS | QueryExecutor.QUERY_NO_METADATA | QueryExecutor.QUERY_NO_RESULTS
            | QueryExecutor.QUERY_SUPPRESS_BEGIN);
  }

  @Override
  public TransactionStatus transactionStatus() {
    return switch (executor.getTransactionState()) {
      case IDLE -> TransactionStatus.IDLE;
      case OPEN -> TransactionStatus.IN_TRANSACTION;
      case FAILED -> TransactionStatus.FAILED;
    };
  }

  @Override
  public Map<String, String> reportedParameters() {
    return executor.getParameterStatuses();
  }

  @Override
  public void cancel() {
    if (!running) {
      return;
    }
    try {
      executor.sendQueryCancel();
    } catch (SQLException e) {
      log.warn("cancel request to the engine failed: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    if (broken || executor.isClosed()) {
      pool.evictConnection(connection);
      return;
    }
    try {
      if (executor.getTransactionState() != TransactionState.IDLE) {
        endImplicitBlock("ROLLBACK");
      }
      // Leave nothing of this client's session behind for the next one.
      runQuietly("DISCARD ALL");
      connection.close();
    } catch (SQLException | GatewayException e) {
      log.debug("resetting an engine connection failed; evicting it", e);
      pool.evictConnection(connection);
    }
  }

  /** Keeps errors (they are thrown) and drops everything else. */
  private static final class DiscardingHandler extends ResultHandlerBase {
    @Override
    public void handleWarning(java.sql.SQLWarning warning) {
      // Notices from the gateway's own housekeeping statements are not the client's business.
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      log.debug("closing an engine connection failed", e);
    }
  }
}
