package wiregate.core.model;

/** One canonical SQL statement, ready for the engine. */
public record Statement(String sql, StatementKind kind) {}
