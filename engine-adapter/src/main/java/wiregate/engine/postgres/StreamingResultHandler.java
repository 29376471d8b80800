package wiregate.engine.postgres;

import java.sql.SQLWarning;
import java.util.List;
import org.postgresql.core.Field;
import org.postgresql.core.Query;
import org.postgresql.core.ResultCursor;
import org.postgresql.core.ResultHandlerBase;
import org.postgresql.core.Tuple;
import wiregate.core.model.ResultSink;

/**
 * Receives pgjdbc's protocol-level callbacks for one statement and forwards them to a sink as raw
 * text values, without building a JDBC ResultSet. When the engine suspends the portal, the cursor is
 * kept so the caller can fetch the next batch.
 */
final class StreamingResultHandler extends ResultHandlerBase {
  private final ResultSink sink;
  private boolean columnsSent;
  private ResultCursor pendingCursor;
  private long rowCount;

  StreamingResultHandler(ResultSink sink) {
    this.sink = sink;
  }

  @Override
  public void handleResultRows(Query fromQuery, Field[] fields, List<Tuple> tuples, ResultCursor cursor) {
    if (!columnsSent) {
      sink.columns(DescribeHandler.columns(fields));
      columnsSent = true;
    }
    for (Tuple tuple : tuples) {
      byte[][] values = new byte[tuple.fieldCount()][];
      for (int i = 0; i < values.length; i++) {
        values[i] = tuple.get(i);
      }
      sink.row(values);
    }
    rowCount += tuples.size();
    pendingCursor = cursor;
  }

  @Override
  public void handleCommandStatus(String status, long updateCount, long insertOID) {
    complete(status);
  }

  void complete(String tag) {
    columnsSent = false;
    pendingCursor = null;
    rowCount = 0;
    sink.complete(tag);
  }

  ResultSink sink() {
    return sink;
  }

  long rowCount() {
    return rowCount;
  }

  @Override
  public void handleWarning(SQLWarning warning) {
    sink.notice(EngineErrors.toNotice(warning));
  }

  /** The suspended portal to fetch from, once; null when the result is complete. */
  ResultCursor takeCursor() {
    ResultCursor cursor = pendingCursor;
    pendingCursor = null;
    return cursor;
  }

}
