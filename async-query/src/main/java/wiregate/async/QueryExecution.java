package wiregate.async;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.async.format.ColumnKind;
import wiregate.async.format.JdbcColumns;
import wiregate.async.format.JdbcRowReader;
import wiregate.async.format.ResultColumn;
import wiregate.async.format.ResultWriter;
import wiregate.async.format.ResultWriters;
import wiregate.async.meta.MetadataStore;
import wiregate.async.meta.QueryRecord;
import wiregate.async.meta.StateChange;
import wiregate.async.store.ResultStore;
import wiregate.async.store.ResultUpload;
import wiregate.core.async.QueryDatabase;
import wiregate.core.async.QueryDatabases;
import wiregate.core.async.QueryError;
import wiregate.core.async.QueryRequest;
import wiregate.core.async.QueryState;
import wiregate.core.config.DatabaseConfig;

/**
 * Runs one query from PENDING to its end: takes a pooled connection, streams the rows from the
 * driver into the result writer and storage, and records progress and the final state. Rows are
 * never held: the driver fetches {@code fetchSize} at a time (PostgreSQL: a cursor inside a
 * transaction; MySQL: Connector/J's row-by-row streaming).
 */
final class QueryExecution {
  private static final Logger log = LoggerFactory.getLogger(QueryExecution.class);
  /** Progress is written to the metadata store at most this often, in rows or milliseconds. */
  private static final long PROGRESS_ROWS = 10_000;
  private static final long PROGRESS_MILLIS = 1_000;

  private final QueryDatabases databases;
  private final MetadataStore metadata;
  private final ResultStore results;
  private final Clock clock;
  private volatile int fetchSize;

  QueryExecution(QueryDatabases databases, MetadataStore metadata, ResultStore results, Clock clock, int fetchSize) {
    this.databases = databases;
    this.metadata = metadata;
    this.results = results;
    this.clock = clock;
    this.fetchSize = fetchSize;
  }

  /** A reload changed async.fetch-size: queries started from now on use it. */
  void fetchSize(int fetchSize) {
    this.fetchSize = fetchSize;
  }

  /** Rows and bytes written, and whether max_rows cut the result short. */
  private record Outcome(long rows, long bytes, boolean truncated) {}

  void run(String id, RunningQuery handle) {
    Optional<QueryRecord> started = metadata.transition(id, EnumSet.of(QueryState.PENDING),
        StateChange.to(QueryState.RUNNING, clock.instant()));
    if (started.isEmpty()) {
      return; // stopped or expired while it waited: it never runs
    }
    QueryRecord query = started.get();
    QueryRequest request = query.request();
    try (ResultUpload upload = results.create(id, request.format())) {
      Outcome outcome = execute(query, handle, upload);
      if (handle.stopReason() != null) {
        finishStopped(id, handle);
        return;
      }
      upload.commit();
      metadata.progress(id, outcome.rows(), outcome.bytes(), outcome.truncated());
      if (metadata.transition(id, EnumSet.of(QueryState.RUNNING),
          StateChange.to(QueryState.SUCCEEDED, clock.instant())).isEmpty()) {
        // Expired while it ran: nobody may see this result.
        results.delete(id, request.format());
      }
    } catch (SQLException e) {
      if (handle.stopReason() != null) {
        finishStopped(id, handle);
      } else {
        fail(id, new QueryError(e.getSQLState() != null ? e.getSQLState() : "XX000", e.getMessage()));
      }
    } catch (IOException e) {
      log.warn("query {}: writing the result failed: {}", id, e.toString());
      fail(id, new QueryError("STORAGE", "writing the result failed: " + e.getMessage()));
    } catch (RuntimeException e) {
      log.error("query {} failed unexpectedly", id, e);
      fail(id, new QueryError("XX000", "internal error: " + e));
    }
  }

  private Outcome execute(QueryRecord query, RunningQuery handle, ResultUpload upload)
      throws SQLException, IOException {
    QueryRequest request = query.request();
    QueryDatabase database = databases.find(request.databaseId())
        .orElseThrow(() -> new SQLException("database '" + request.databaseId() + "' is no longer configured", "3D000"));
    boolean mysql = database.kind() == DatabaseConfig.Kind.MYSQL;
    try (Connection connection = database.dataSource().getConnection()) {
      if (!mysql) {
        // pgjdbc only fetches in batches (a portal) inside a transaction.
        connection.setAutoCommit(false);
      }
      try (Statement statement = prepare(connection, request)) {
        statement.setFetchSize(mysql ? Integer.MIN_VALUE : fetchSize);
        if (request.maxRows() != null && request.maxRows() < Integer.MAX_VALUE) {
          // One row more than max_rows tells whether the result was cut short; the target stops
          // there (pgjdbc limits the portal, Connector/J sets SQL_SELECT_LIMIT), so a streamed
          // result is not read to its end when it is closed early.
          statement.setMaxRows(Math.toIntExact(request.maxRows() + 1));
        }
        handle.attach(statement);
        if (handle.stopReason() != null) {
          // A driver's cancel is a no-op until the statement runs: a stop that came while the
          // connection was being taken would be lost, and the query would run to its end.
          throw new SQLException("stopped before it ran", "57014");
        }
        CountingOutputStream counted = new CountingOutputStream(upload.stream());
        Outcome outcome = statement instanceof PreparedStatement prepared
            ? writeResult(query, handle, prepared.execute(), prepared, counted)
            : writeResult(query, handle, statement.execute(request.sql()), statement, counted);
        if (!mysql) {
          connection.commit();
        }
        return outcome;
      } catch (SQLException | IOException | RuntimeException e) {
        if (!mysql) {
          rollbackQuietly(connection);
        }
        throw e;
      }
    }
  }

  /** A plain statement when there is nothing to bind, so the SQL reaches the target untouched. */
  private static Statement prepare(Connection connection, QueryRequest request) throws SQLException {
    if (request.params().isEmpty()) {
      Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      statement.setEscapeProcessing(false);
      return statement;
    }
    PreparedStatement statement = connection.prepareStatement(request.sql(), ResultSet.TYPE_FORWARD_ONLY,
        ResultSet.CONCUR_READ_ONLY);
    List<Object> params = request.params();
    for (int i = 0; i < params.size(); i++) {
      Object value = params.get(i);
      if (value == null) {
        statement.setNull(i + 1, Types.NULL);
      } else {
        statement.setObject(i + 1, value instanceof BigInteger big ? new BigDecimal(big) : value);
      }
    }
    return statement;
  }

  private Outcome writeResult(QueryRecord query, RunningQuery handle, boolean hasResultSet, Statement statement,
      CountingOutputStream out) throws SQLException, IOException {
    QueryRequest request = query.request();
    if (!hasResultSet) {
      // A statement without rows (INSERT, UPDATE, DDL): its result is its update count.
      List<ResultColumn> columns = List.of(new ResultColumn("update_count", ColumnKind.INT64, 0, 0, "bigint"));
      ResultWriter writer = ResultWriters.open(request.format(), columns, out);
      writer.write(new Object[] {(long) Math.max(0, statement.getUpdateCount())});
      writer.finish();
      return new Outcome(1, out.count(), false);
    }
    try (ResultSet rs = statement.getResultSet()) {
      List<ResultColumn> columns = JdbcColumns.describe(rs.getMetaData());
      JdbcRowReader reader = new JdbcRowReader(columns);
      ResultWriter writer = ResultWriters.open(request.format(), columns, out);
      long limit = request.maxRows() != null ? request.maxRows() : Long.MAX_VALUE;
      long rows = 0;
      boolean truncated = false;
      long lastReport = clock.millis();
      while (handle.stopReason() == null && rs.next()) {
        if (rows == limit) {
          truncated = true;
          break;
        }
        writer.write(reader.read(rs));
        rows++;
        if (rows % PROGRESS_ROWS == 0 || clock.millis() - lastReport >= PROGRESS_MILLIS) {
          metadata.progress(query.id(), rows, out.count(), false);
          lastReport = clock.millis();
        }
      }
      writer.finish();
      return new Outcome(rows, out.count(), truncated);
    }
  }

  private void finishStopped(String id, RunningQuery handle) {
    QueryError error;
    QueryState state;
    switch (handle.stopReason()) {
      case CANCELED -> {
        state = QueryState.CANCELED;
        error = new QueryError("CANCELED", "stopped on request");
      }
      case TIMEOUT -> {
        state = QueryState.FAILED;
        error = new QueryError("TIMEOUT", "the query ran longer than its timeout_ms");
      }
      default -> {
        state = QueryState.FAILED;
        error = new QueryError("SHUTDOWN", "the gateway stopped while the query ran");
      }
    }
    metadata.transition(id, EnumSet.of(QueryState.RUNNING), new StateChange(state, clock.instant(), error));
  }

  private void fail(String id, QueryError error) {
    metadata.transition(id, EnumSet.of(QueryState.RUNNING), new StateChange(QueryState.FAILED, clock.instant(), error));
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      log.debug("rollback failed: {}", e.toString());
    }
  }
}
