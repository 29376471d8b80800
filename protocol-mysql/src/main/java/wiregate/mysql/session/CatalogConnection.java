package wiregate.mysql.session;

import java.util.List;
import java.util.Map;
import wiregate.core.engine.Engine;
import wiregate.core.engine.EngineSession;
import wiregate.core.engine.SessionRequest;
import wiregate.core.model.GatewayException;
import wiregate.core.model.Statement;
import wiregate.core.model.StatementKind;
import wiregate.mysql.result.ColumnOrigins;

/**
 * An engine session of the gateway's own for small catalog queries made on behalf of MySQL sessions
 * while their own engine session is busy (describing the columns of a result being streamed).
 * Opened on first use, shared, one query at a time; reopened after a failure.
 */
public final class CatalogConnection implements ColumnOrigins.CatalogQuery, AutoCloseable {
  private final Engine engine;
  private final String database;
  private EngineSession session;

  public CatalogConnection(Engine engine, String database) {
    this.engine = engine;
    this.database = database;
  }

  @Override
  public synchronized List<List<String>> run(String sql) throws GatewayException {
    if (session == null) {
      session = engine.openSession(new SessionRequest(database, "wiregate-catalog",
          Map.of("application_name", "wiregate mysql catalog")));
    }
    RowCollector rows = new RowCollector();
    try {
      session.execute(new Statement(sql, StatementKind.QUERY, 0, 0), rows);
    } catch (GatewayException e) {
      close();
      throw e;
    }
    return rows.rows();
  }

  @Override
  public synchronized void close() {
    if (session != null) {
      session.close();
      session = null;
    }
  }
}
