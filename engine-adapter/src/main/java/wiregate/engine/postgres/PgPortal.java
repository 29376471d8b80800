package wiregate.engine.postgres;

import org.postgresql.core.ParameterList;
import org.postgresql.core.ResultCursor;
import wiregate.core.engine.EnginePortal;
import wiregate.core.model.GatewayException;
import wiregate.core.model.ResultSink;

/**
 * A bound statement that the session runs on demand. Its first run executes on the engine; a run
 * that stopped after maxRows keeps pgjdbc's cursor so the next run fetches on from there.
 */
final class PgPortal implements EnginePortal {
  private final PostgresEngineSession session;
  private final PgPreparedQuery query;
  private final ParameterList parameters;
  private final boolean[] binaryResults;
  private ResultCursor cursor;
  private boolean started;
  private boolean finished;

  PgPortal(PostgresEngineSession session, PgPreparedQuery query, ParameterList parameters, boolean[] binaryResults) {
    this.session = session;
    this.query = query;
    this.parameters = parameters;
    this.binaryResults = binaryResults;
  }

  @Override
  public PgPreparedQuery query() {
    return query;
  }

  @Override
  public boolean run(ResultSink sink, int maxRows) throws GatewayException {
    if (finished) {
      // PostgreSQL answers a finished portal's Execute with an empty completion.
      sink.complete(session.completionTag(query.statement(), 0));
      return false;
    }
    StreamingResultHandler handler = new StreamingResultHandler(sink);
    boolean fromCursor = started;
    started = true;
    cursor = fromCursor
        ? session.fetch(cursor, handler, maxRows, query.statement())
        : session.runPortal(this, handler, maxRows);
    finished = cursor == null;
    return !finished;
  }

  ParameterList parameters() {
    return parameters;
  }

  boolean[] binaryResults() {
    return binaryResults;
  }

  @Override
  public boolean finished() {
    return finished;
  }

  @Override
  public void close() {
    if (cursor != null) {
      cursor.close();
      cursor = null;
    }
    finished = true;
  }
}
