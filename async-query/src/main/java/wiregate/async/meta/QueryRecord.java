package wiregate.async.meta;

import java.time.Duration;
import java.time.Instant;
import wiregate.core.async.QueryError;
import wiregate.core.async.QueryInfo;
import wiregate.core.async.QueryRequest;
import wiregate.core.async.QueryState;
import wiregate.core.async.QueryStats;

/**
 * Everything the metadata store keeps about one query. Immutable: a store replaces the whole
 * record on each change (a Redis store keeps it as one hash). {@code sequence} is the number of the
 * last event, so it doubles as a version for compare-and-set.
 */
public record QueryRecord(String id, String user, QueryRequest request, String owner, QueryState state,
    Instant createdAt, Instant startedAt, Instant finishedAt, Instant expiresAt, QueryError error,
    long rows, long bytes, boolean truncated, long sequence) {

  /** A new query, PENDING, at sequence 1 (its first event). */
  public static QueryRecord pending(String id, String user, QueryRequest request, String owner, Instant now,
      Duration ttl) {
    return new QueryRecord(id, user, request, owner, QueryState.PENDING, now, null, null, now.plus(ttl), null,
        0, 0, false, 1);
  }

  /** This record after {@code change}: the next sequence, and the timestamps the new state implies. */
  public QueryRecord apply(StateChange change) {
    Instant started = startedAt;
    Instant finished = finishedAt;
    if (change.to() == QueryState.RUNNING) {
      started = change.at();
    } else if (change.to().isTerminal() && change.to() != QueryState.EXPIRED && finished == null) {
      finished = change.at();
    }
    QueryError err = change.error() != null ? change.error() : error;
    return new QueryRecord(id, user, request, owner, change.to(), createdAt, started, finished, expiresAt, err,
        rows, bytes, truncated, sequence + 1);
  }

  public QueryRecord withProgress(long newRows, long newBytes, boolean newTruncated) {
    return new QueryRecord(id, user, request, owner, state, createdAt, startedAt, finishedAt, expiresAt, error,
        newRows, newBytes, newTruncated, sequence);
  }

  public QueryInfo info() {
    return new QueryInfo(id, user, state, request, owner, createdAt, startedAt, finishedAt, expiresAt, error);
  }

  /** Durations so far: a query still waiting or running counts up to {@code now}. */
  public QueryStats stats(Instant now) {
    Instant queuedUntil = startedAt != null ? startedAt : (finishedAt != null ? finishedAt : now);
    long queued = Math.max(0, Duration.between(createdAt, queuedUntil).toMillis());
    long run = startedAt == null ? 0
        : Math.max(0, Duration.between(startedAt, finishedAt != null ? finishedAt : now).toMillis());
    return new QueryStats(id, state, rows, bytes, queued, run, truncated);
  }
}
