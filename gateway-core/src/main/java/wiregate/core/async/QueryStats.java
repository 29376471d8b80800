package wiregate.core.async;

/**
 * Progress and cost of one query: rows and bytes written to the result so far, time spent waiting
 * to run and running (so far, while it still runs).
 */
public record QueryStats(String id, QueryState state, long rows, long bytes, long queuedMillis, long runMillis) {}
