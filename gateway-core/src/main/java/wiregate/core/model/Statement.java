package wiregate.core.model;

/**
 * One canonical SQL statement, ready for the engine. {@code offset} is where it starts (in characters)
 * in the text the client sent, so error positions can be reported against the client's text;
 * {@code parameterCount} is the highest {@code $n} placeholder it uses. {@code rerunnable} marks a
 * plain read whose running a second time has no effect beyond its result (no function that could
 * write, lock or draw from a sequence): the engine adapter may then try it without a transaction
 * block, and run it again in one should its result outgrow a batch.
 */
public record Statement(String sql, StatementKind kind, int offset, int parameterCount, boolean rerunnable) {
  public Statement(String sql, StatementKind kind, int offset, int parameterCount) {
    this(sql, kind, offset, parameterCount, false);
  }
}
