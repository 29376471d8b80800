package wiregate.core.model;

/**
 * One canonical SQL statement, ready for the engine. {@code offset} is where it starts (in characters)
 * in the text the client sent, so error positions can be reported against the client's text;
 * {@code parameterCount} is the highest {@code $n} placeholder it uses.
 */
public record Statement(String sql, StatementKind kind, int offset, int parameterCount) {}
