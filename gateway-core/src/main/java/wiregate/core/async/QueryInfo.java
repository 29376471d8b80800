package wiregate.core.async;

import java.time.Instant;

/**
 * A query's state and options as the API shows them. Timestamps are null until reached;
 * {@code error} is null unless the query FAILED or was CANCELED. {@code owner} is the gateway
 * instance that runs (or ran) the query.
 */
public record QueryInfo(String id, String user, QueryState state, QueryRequest request, String owner,
    Instant createdAt, Instant startedAt, Instant finishedAt, Instant expiresAt, QueryError error) {}
