package wiregate.core.async;

/**
 * Progress and cost of one query: rows and bytes written to the result so far, time spent waiting
 * to run and running (so far, while it still runs). {@code truncated} is true when the result
 * stopped at the request's {@code max_rows} while the query had more rows.
 */
public record QueryStats(String id, QueryState state, long rows, long bytes, long queuedMillis, long runMillis,
    boolean truncated) {}
