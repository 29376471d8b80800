package wiregate.async.meta;

import java.time.Instant;
import wiregate.core.async.QueryError;
import wiregate.core.async.QueryState;

/** A move to {@code to} at {@code at}; {@code error} says why for FAILED and CANCELED. */
public record StateChange(QueryState to, Instant at, QueryError error) {
  public static StateChange to(QueryState state, Instant at) {
    return new StateChange(state, at, null);
  }
}
