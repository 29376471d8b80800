package wiregate.engine.postgres;

import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.core.Field;
import org.postgresql.core.Query;
import org.postgresql.core.ResultCursor;
import org.postgresql.core.ResultHandlerBase;
import org.postgresql.core.Tuple;

/**
 * Holds a statement's first batch (at most the batch size in rows) without passing anything on, so
 * that a complete result (CommandComplete came) can be told from one that outgrew the batch
 * (PortalSuspended came instead) before the client sees any of it.
 */
final class FirstBatch extends ResultHandlerBase {
  private final List<SQLWarning> warnings = new ArrayList<>();
  private Field[] fields;
  private List<Tuple> tuples;
  private String status;

  @Override
  public void handleResultRows(Query fromQuery, Field[] fields, List<Tuple> tuples, ResultCursor cursor) {
    this.fields = fields;
    if (this.tuples == null) {
      this.tuples = tuples;
    } else { // not expected for one statement, but nothing may be lost
      List<Tuple> all = new ArrayList<>(this.tuples);
      all.addAll(tuples);
      this.tuples = all;
    }
  }

  @Override
  public void handleCommandStatus(String status, long updateCount, long insertOID) {
    this.status = status;
  }

  @Override
  public void handleWarning(SQLWarning warning) {
    warnings.add(warning);
  }

  /** Whether the statement finished within the batch. */
  boolean complete() {
    return status != null;
  }

  /** Passes the complete result on, in the order the engine sent it. */
  void replayTo(StreamingResultHandler target) {
    warnings.forEach(target::handleWarning);
    if (fields != null) {
      target.handleResultRows(null, fields, tuples, null);
    }
    target.handleCommandStatus(status, 0, 0);
  }
}
