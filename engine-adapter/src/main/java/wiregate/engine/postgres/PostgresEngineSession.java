package wiregate.engine.postgres;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.List;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Encoding;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Oid;
import org.postgresql.core.ParameterList;
import org.postgresql.core.SqlCommand;
import org.postgresql.core.SqlCommandType;
import org.postgresql.core.Query;
import org.postgresql.core.QueryExecutor;
import org.postgresql.core.ResultCursor;
import org.postgresql.core.ResultHandlerBase;
import org.postgresql.core.TransactionState;
import org.postgresql.jdbc.AutoSave;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.core.engine.CopyIn;
import wiregate.core.engine.CopyOut;
import wiregate.core.engine.EngineSession;
import wiregate.core.engine.Notification;
import wiregate.core.engine.ParameterValue;
import wiregate.core.engine.PreparedQuery;
import wiregate.core.model.Column;
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
 * A {@linkplain Statement#rerunnable() rerunnable} read is first tried without the block, its first
 * batch held back: most such reads end within it and so take one engine round trip instead of two;
 * one that outgrows it runs again in a block (and goes there directly next time, see
 * {@link LargeResults}).
 */
final class PostgresEngineSession implements EngineSession {
  private static final Logger log = LoggerFactory.getLogger(PostgresEngineSession.class);
  /** One-shot (unnamed) statements in text format, and always the real command tag, rows or not. */
  private static final int BASE_FLAGS = QueryExecutor.QUERY_ONESHOT | QueryExecutor.QUERY_NO_BINARY_TRANSFER
      | QueryExecutor.QUERY_BOTH_ROWS_AND_STATUS;
  private static final java.util.regex.Pattern BEGIN = java.util.regex.Pattern.compile(
      "^(\\s|--[^\\n]*\\n|/\\*.*?\\*/)*(begin|start)\\b",
      java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL);
  private static final java.util.regex.Pattern FETCH = java.util.regex.Pattern.compile(
      "^(\\s|--[^\\n]*\\n|/\\*.*?\\*/)*fetch\\b", java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL);

  private final Connection connection;
  private final HikariDataSource pool;
  private final QueryExecutor executor;
  private final int fetchSize;
  private volatile boolean running;
  private boolean broken;
  /** An implicit block opened for the client's current pipeline (until its Sync), not by the client. */
  private boolean implicitBlockOpen;
  private volatile boolean cancelSent;
  private final Encoding encoding;
  private final LargeResults largeResults;
  /** Inside {@link #atomically}: pgjdbc sets a savepoint ahead of each statement, in the same round trip. */
  private boolean atomicWork;
  /** Inside {@link #atomically}: a failed statement left pgjdbc's restored savepoint behind. */
  private boolean autosaveLeft;
  /** Inside {@link #atomically}: a result outgrew its first batch, and {@link #STREAM_SAVEPOINT} covers the rest. */
  private boolean streamSavepoint;
  private static final String STREAM_SAVEPOINT = "\"wg$stream\"";

  private PostgresEngineSession(Connection connection, HikariDataSource pool, QueryExecutor executor,
      int fetchSize, LargeResults largeResults) {
    this.connection = connection;
    this.pool = pool;
    this.executor = executor;
    this.fetchSize = fetchSize;
    this.largeResults = largeResults;
    this.encoding = encodingOf(connection);
  }

  private static Encoding encodingOf(Connection connection) {
    try {
      return connection.unwrap(BaseConnection.class).getEncoding();
    } catch (SQLException e) {
      throw new IllegalStateException("not a pgjdbc connection", e);
    }
  }

  static PostgresEngineSession open(Connection connection, HikariDataSource pool, SessionRequest request,
      int fetchSize) throws GatewayException {
    try {
      PostgresEngineSession session = onConnection(connection, pool, fetchSize, new LargeResults());
      session.applySettings(request.settings());
      return session;
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new GatewayException(EngineErrors.toError(e).withSeverity(GatewayError.FATAL), e);
    } catch (GatewayException e) {
      closeQuietly(connection);
      throw new GatewayException(e.error().withSeverity(GatewayError.FATAL), e);
    }
  }

  /**
   * Runs statements on a connection the caller already holds: a whole session's (session pool mode)
   * or one lease's (transaction pool mode, see {@link PooledEngineSession}). {@code largeResults}
   * belongs to the engine connection, so that it outlives a lease.
   */
  static PostgresEngineSession onConnection(Connection connection, HikariDataSource pool, int fetchSize,
      LargeResults largeResults) throws SQLException {
    QueryExecutor executor = connection.unwrap(BaseConnection.class).getQueryExecutor();
    return new PostgresEngineSession(connection, pool, executor, fetchSize, largeResults);
  }

  /** The client's start-up settings, applied as PostgreSQL applies them: a bad one ends the session. */
  void applySettings(Map<String, String> settings) throws SQLException, GatewayException {
    if (settings.isEmpty()) {
      return;
    }
    try (PreparedStatement set = connection.prepareStatement("select pg_catalog.set_config(?, ?, false)")) {
      for (Map.Entry<String, String> setting : settings.entrySet()) {
        if (setting.getKey().equalsIgnoreCase("datestyle")) {
          DateStyleGuard.checkValue(setting.getValue());
        }
        set.setString(1, setting.getKey());
        set.setString(2, setting.getValue());
        set.execute();
      }
    }
  }

  @Override
  public void execute(Statement statement, ResultSink sink) throws GatewayException {
    if (statement.kind() == StatementKind.COPY_FROM_CLIENT || statement.kind() == StatementKind.COPY_TO_CLIENT) {
      throw new GatewayException(GatewayError.error(SqlState.FEATURE_NOT_SUPPORTED,
          "COPY FROM STDIN and COPY TO STDOUT are supported in a simple Query message only"));
    }
    if (adoptedImplicitBlock(statement, sink)) {
      return;
    }
    DateStyleGuard.checkStatement(statement.sql());
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
      if (implicitBlock && completedWithoutBlock(statement, query, null, BASE_FLAGS, handler)) {
        return;
      }
      executor.execute(query, null, handler, 0, streams ? fetchSize : 0, flags);
      ResultCursor cursor = handler.takeCursor();
      if (cursor != null) {
        fetchRest(cursor, handler, 0, statement);
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

  /**
   * BEGIN inside an implicit block turns that block into the client's own transaction, as in
   * PostgreSQL (no second BEGIN goes to the engine, so no "already in progress" warning); COMMIT or
   * ROLLBACK ends it like any transaction.
   */
  private boolean adoptedImplicitBlock(Statement statement, ResultSink sink) {
    if (statement.kind() != StatementKind.TRANSACTION_CONTROL || !implicitBlockOpen) {
      return false;
    }
    implicitBlockOpen = false;
    java.util.regex.Matcher begin = BEGIN.matcher(statement.sql());
    if (begin.find()) {
      sink.complete(begin.group(2).equalsIgnoreCase("start") ? "START TRANSACTION" : "BEGIN");
      return true;
    }
    return false;
  }

  /**
   * Runs the work with pgjdbc's automatic savepoints ({@code autosave=always}, and
   * {@code cleanupSavepoints} on the engine's connections): each statement travels behind a
   * SAVEPOINT in the same round trip, is released after it without a round trip of its own, and on
   * failure pgjdbc rolls back to it. A result that outgrows its first batch has had that savepoint
   * released by then, so the rest of it runs under a savepoint of the gateway's own.
   */
  @Override
  public void atomically(Work work) throws GatewayException {
    executor.setAutoSave(AutoSave.ALWAYS);
    atomicWork = true;
    try {
      work.run();
      if (streamSavepoint) {
        runOrFail("RELEASE SAVEPOINT " + STREAM_SAVEPOINT);
      }
    } catch (GatewayException e) {
      undoAfterFailure(e);
      throw e;
    } finally {
      executor.setAutoSave(AutoSave.NEVER);
      atomicWork = false;
      autosaveLeft = false;
      streamSavepoint = false;
    }
  }

  /**
   * Leaves the transaction as it was before the failed work, and no savepoint of it behind. If that
   * fails too, the transaction stays aborted and the next statement says so; the work's own error is
   * the one to report.
   */
  private void undoAfterFailure(GatewayException failed) {
    if (broken) {
      return;
    }
    executor.setAutoSave(AutoSave.NEVER);
    try {
      if (streamSavepoint) {
        runOrFail("ROLLBACK TO SAVEPOINT " + STREAM_SAVEPOINT + "; RELEASE SAVEPOINT " + STREAM_SAVEPOINT);
      } else if (autosaveLeft) {
        runOrFail("RELEASE SAVEPOINT PGJDBC_AUTOSAVE");
      }
    } catch (GatewayException e) {
      failed.addSuppressed(e);
      log.debug("undoing a failed statement failed", e);
    }
  }

  private void runOrFail(String sql) throws GatewayException {
    try {
      runQuietly(sql);
    } catch (SQLException e) {
      throw failure(e, false);
    }
  }

  /**
   * Fetches from a suspended portal: everything (maxRows 0) or one more batch of maxRows. Returns the
   * cursor when rows remain. pgjdbc does not pass on the tag of a portal finished by fetch(), so the
   * tag PostgreSQL would send is derived.
   */
  private ResultCursor fetchRest(ResultCursor cursor, StreamingResultHandler handler, int maxRows,
      Statement statement) throws SQLException {
    if (atomicWork && !streamSavepoint && cursor != null) {
      runQuietly("SAVEPOINT " + STREAM_SAVEPOINT);
      streamSavepoint = true;
    }
    while (cursor != null) {
      executor.fetch(cursor, handler, maxRows > 0 ? maxRows : fetchSize, false);
      cursor = handler.takeCursor();
      if (maxRows > 0) {
        break;
      }
    }
    if (cursor == null) {
      handler.complete(completionTag(statement, handler.rowCount()));
    }
    return cursor;
  }

  String completionTag(Statement statement, long rows) {
    return (FETCH.matcher(statement.sql()).find() ? "FETCH " : "SELECT ") + rows;
  }

  /** Resumes a portal run by {@link PgPortal}; see {@link #fetchRest}. */
  ResultCursor fetch(ResultCursor cursor, StreamingResultHandler handler, int maxRows, Statement statement)
      throws GatewayException {
    running = true;
    try {
      return fetchRest(cursor, handler, maxRows, statement);
    } catch (SQLException e) {
      throw failure(e, false);
    } finally {
      running = false;
    }
  }

  /**
   * First run of a portal. A portal that may stop after maxRows, or that streams, needs a named engine
   * portal and so a transaction block: outside one, an implicit block is opened and stays open until
   * the client's Sync ends it ({@link #endImplicitBlock(boolean)}).
   */
  ResultCursor runPortal(PgPortal portal, StreamingResultHandler handler, int maxRows) throws GatewayException {
    PgPreparedQuery prepared = portal.query();
    if (adoptedImplicitBlock(prepared.statement(), handler.sink())) {
      return null;
    }
    boolean rows = prepared.columns() != null;
    boolean cursor = rows && (maxRows > 0 || prepared.statement().kind() == StatementKind.QUERY);
    // pgjdbc sends the BEGIN of a needed implicit block in the same round trip as the statement.
    boolean opensBlock = cursor && executor.getTransactionState() == TransactionState.IDLE;
    int flags = QueryExecutor.QUERY_BOTH_ROWS_AND_STATUS;
    if (!opensBlock) {
      flags |= QueryExecutor.QUERY_SUPPRESS_BEGIN;
    }
    if (cursor) {
      flags |= QueryExecutor.QUERY_FORWARD_CURSOR;
    }
    java.util.Set<Integer> binary = binaryOids(prepared, portal.binaryResults());
    executor.setBinaryReceiveOids(binary);
    running = true;
    try {
      if (!binary.isEmpty() && FieldFormats.willReparse(prepared.query(), executor)) {
        executor.execute(prepared.query(), portal.parameters(), new DescribeHandler(), 0, 0,
            QueryExecutor.QUERY_DESCRIBE_ONLY | QueryExecutor.QUERY_SUPPRESS_BEGIN);
      }
      FieldFormats.apply(prepared.query(), portal.binaryResults());
      if (opensBlock && maxRows == 0 && completedWithoutBlock(prepared.statement(), prepared.query(),
          portal.parameters(), 0, handler)) {
        return null;
      }
      if (opensBlock) {
        implicitBlockOpen = true;
      }
      executor.execute(prepared.query(), portal.parameters(), handler, 0,
          cursor ? (maxRows > 0 ? maxRows : fetchSize) : 0, flags);
      ResultCursor next = handler.takeCursor();
      if (next != null && maxRows == 0) {
        next = fetchRest(next, handler, 0, prepared.statement());
      }
      return next;
    } catch (SQLException e) {
      throw failure(e, false);
    } finally {
      running = false;
    }
  }

  /**
   * Tries a rerunnable read outside a transaction block, as one Bind/Execute of at most one batch and
   * a Sync: true when it completed within the batch (the held-back result then goes to the handler);
   * false, with nothing passed on and nothing changed on the engine, when it must run in a block.
   */
  private boolean completedWithoutBlock(Statement statement, Query query, ParameterList parameters, int flags,
      StreamingResultHandler handler) throws SQLException {
    if (!statement.rerunnable() || fetchSize <= 0 || largeResults.contains(statement.sql())) {
      return false;
    }
    FirstBatch first = new FirstBatch();
    executor.execute(query, parameters, first, fetchSize, 0,
        flags | QueryExecutor.QUERY_BOTH_ROWS_AND_STATUS | QueryExecutor.QUERY_SUPPRESS_BEGIN);
    if (first.complete()) {
      first.replayTo(handler);
      return true;
    }
    largeResults.add(statement.sql());
    return false;
  }

  private static java.util.Set<Integer> binaryOids(PgPreparedQuery prepared, boolean[] binaryResults) {
    java.util.Set<Integer> oids = new java.util.HashSet<>();
    List<Column> columns = prepared.columns();
    if (columns != null) {
      for (int i = 0; i < columns.size() && i < binaryResults.length; i++) {
        if (binaryResults[i]) {
          oids.add(columns.get(i).typeOid());
        }
      }
    }
    return oids;
  }

  @Override
  public PgPreparedQuery prepare(Statement statement, int[] declaredTypes) throws GatewayException {
    DateStyleGuard.checkStatement(statement.sql());
    int count = Math.max(statement.parameterCount(), declaredTypes.length);
    NativeQuery nativeQuery = new NativeQuery(statement.sql(), new int[count], false,
        SqlCommand.createStatementTypeInfo(SqlCommandType.BLANK));
    Query query = executor.wrap(List.of(nativeQuery));
    ParameterList parameters = query.createParameterList();
    DescribeHandler handler = new DescribeHandler();
    running = true;
    try {
      for (int i = 1; i <= count; i++) {
        parameters.setNull(i, i <= declaredTypes.length ? declaredTypes[i - 1] : Oid.UNSPECIFIED);
      }
      executor.execute(query, parameters, handler, 0, 0,
          QueryExecutor.QUERY_DESCRIBE_ONLY | QueryExecutor.QUERY_SUPPRESS_BEGIN);
    } catch (SQLException e) {
      query.close();
      throw failure(e, false);
    } finally {
      running = false;
    }
    return new PgPreparedQuery(statement, query, parameters.getTypeOIDs(), handler.columns());
  }

  @Override
  public void release(PreparedQuery query) {
    ((PgPreparedQuery) query).query().close();
  }

  @Override
  public PgPortal bind(PreparedQuery prepared, List<ParameterValue> values, boolean[] binaryResults)
      throws GatewayException {
    PgPreparedQuery query = (PgPreparedQuery) prepared;
    ParameterList parameters = query.query().createParameterList();
    int[] types = query.parameterTypes();
    try {
      for (int i = 0; i < values.size(); i++) {
        ParameterValue value = values.get(i);
        int oid = types[i];
        if (value.bytes() == null) {
          parameters.setNull(i + 1, oid);
        } else if (value.binary()) {
          parameters.setBinaryParameter(i + 1, value.bytes(), oid);
        } else {
          parameters.setStringParameter(i + 1, encoding.decode(value.bytes()), oid);
        }
      }
    } catch (SQLException | java.io.IOException e) {
      throw new GatewayException(GatewayError.error("22021", "invalid parameter value: " + e.getMessage()), e);
    }
    return new PgPortal(this, query, parameters, binaryResults);
  }

  private GatewayException failure(SQLException e, boolean implicitBlock) {
    GatewayException failure = EngineErrors.toGatewayException(e);
    if (failure.isFatal() || executor.isClosed()) {
      broken = true;
    } else if (atomicWork && !streamSavepoint && e instanceof PSQLException p && p.getServerErrorMessage() != null
        && executor.getTransactionState() == TransactionState.OPEN) {
      // The engine failed a statement sent behind pgjdbc's savepoint, and pgjdbc rolled back to it.
      autosaveLeft = true;
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
  public CopyIn copyIn(Statement statement) throws GatewayException {
    return new PgCopyIn((org.postgresql.copy.CopyIn) startCopy(statement));
  }

  @Override
  public CopyOut copyOut(Statement statement) throws GatewayException {
    return new PgCopyOut((org.postgresql.copy.CopyOut) startCopy(statement));
  }

  /** COPY runs in the current block, or in its own implicit transaction when there is none. */
  private org.postgresql.copy.CopyOperation startCopy(Statement statement) throws GatewayException {
    try {
      return executor.startCopy(statement.sql(), true);
    } catch (SQLException e) {
      throw failure(e, false);
    }
  }

  @Override
  public void beginImplicitBlock() throws GatewayException {
    if (executor.getTransactionState() != TransactionState.IDLE) {
      return;
    }
    try {
      runQuietly("BEGIN");
    } catch (SQLException e) {
      throw failure(e, false);
    }
    implicitBlockOpen = true;
  }

  /** Ends the implicit block this session opened, if one is open; a no-op otherwise. */
  @Override
  public void endImplicitBlock(boolean commit) throws GatewayException {
    if (!implicitBlockOpen) {
      return;
    }
    implicitBlockOpen = false;
    endImplicitBlock(commit ? "COMMIT" : "ROLLBACK");
  }

  /** Whether an explicit or implicit transaction block is open on the engine connection. */
  boolean holdsBlock() {
    return implicitBlockOpen || executor.getTransactionState() != TransactionState.IDLE;
  }

  /** Whether the connection must not serve anyone else: it failed, or a cancel may still reach it. */
  boolean mustEvict() {
    return broken || cancelSent || executor.isClosed();
  }

  /** Whether the connection cannot even serve this session any more. */
  boolean unusable() {
    return broken || executor.isClosed();
  }

  QueryExecutor executor() {
    return executor;
  }

  Connection connection() {
    return connection;
  }

  /** Runs a gateway-issued utility statement whose outcome the client does not see. */
  void runQuietly(String sql) throws SQLException {
    executor.execute(executor.createSimpleQuery(sql), null, new DiscardingHandler(), 0, 0,
        BASE_FLAGS | QueryExecutor.QUERY_NO_METADATA | QueryExecutor.QUERY_NO_RESULTS
            | QueryExecutor.QUERY_SUPPRESS_BEGIN);
  }

  @Override
  public int processId() {
    return executor.getBackendPID();
  }

  @Override
  public List<Notification> takeNotifications() throws GatewayException {
    try {
      executor.processNotifies(-1);
      org.postgresql.PGNotification[] received = executor.getNotifications();
      List<Notification> out = new java.util.ArrayList<>(received.length);
      for (org.postgresql.PGNotification n : received) {
        out.add(new Notification(n.getPID(), n.getName(), n.getParameter()));
      }
      return out;
    } catch (SQLException e) {
      throw failure(e, false);
    }
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
    // A cancel may reach the engine late, after the statement ended; it must not hit whoever gets
    // this engine connection next, so the connection is not reused after a cancel.
    cancelSent = true;
    try {
      executor.sendQueryCancel();
    } catch (SQLException e) {
      log.warn("cancel request to the engine failed: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    if (broken || cancelSent || executor.isClosed()) {
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
