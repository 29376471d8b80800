package wiregate.engine.postgres;

import java.util.List;
import wiregate.core.engine.EnginePortal;
import wiregate.core.engine.ParameterValue;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.core.model.ResultSink;

/**
 * A bound statement in transaction pool mode. Binding needs no engine connection; the first run
 * takes the session's lease and binds on that connection. A portal with rows left lives in a
 * transaction block, which keeps the lease, so later runs fetch on the same connection.
 */
final class PooledPortal implements EnginePortal {
  private final PooledEngineSession session;
  private final PooledPreparedQuery query;
  private final List<ParameterValue> values;
  private final boolean[] binaryResults;
  /** The portal on the engine connection of the first run, and that run's lease. */
  private PgPortal bound;
  private Lease boundOn;
  private boolean closed;

  PooledPortal(PooledEngineSession session, PooledPreparedQuery query, List<ParameterValue> values,
      boolean[] binaryResults) {
    this.session = session;
    this.query = query;
    this.values = values;
    this.binaryResults = binaryResults;
  }

  @Override
  public PooledPreparedQuery query() {
    return query;
  }

  @Override
  public boolean run(ResultSink sink, int maxRows) throws GatewayException {
    if (bound == null) {
      if (closed) {
        throw missing();
      }
      return session.runFirst(this, sink, maxRows);
    }
    if (session.currentLease() != boundOn) {
      throw missing(); // its transaction ended, and with it the engine portal
    }
    return bound.run(sink, maxRows);
  }

  /** Called by the session with the lease it holds for the first run. */
  boolean start(Lease lease, PgPreparedQuery onConnection, ResultSink sink, int maxRows) throws GatewayException {
    boundOn = lease;
    bound = lease.link().bind(onConnection, values, binaryResults);
    return bound.run(sink, maxRows);
  }

  private GatewayException missing() {
    return new GatewayException(GatewayError.error("34000", "portal does not exist"));
  }

  @Override
  public boolean finished() {
    return closed || (bound != null && bound.finished());
  }

  @Override
  public void close() {
    closed = true;
    if (bound != null) {
      bound.close();
    }
  }
}
