package wiregate.core.engine;

import wiregate.core.model.GatewayException;
import wiregate.core.model.ResultSink;

/**
 * A prepared statement bound to parameter values, run on demand and resumable: each run returns at
 * most {@code maxRows} rows (0 = all) and says whether rows remain.
 */
public interface EnginePortal {
  PreparedQuery query();

  /** Runs or resumes the portal; true when it stopped after maxRows with rows left. */
  boolean run(ResultSink sink, int maxRows) throws GatewayException;

  /** Whether the portal ran to completion. */
  boolean finished();

  void close();
}
