package wiregate.core.async;

import java.time.Instant;

/**
 * A state change of one query. {@code sequence} starts at 1 and grows by one per change, so a
 * subscriber can tell it saw every change in order.
 */
public record QueryEvent(String queryId, long sequence, QueryState state, Instant at, QueryError error) {}
