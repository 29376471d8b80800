package wiregate.core.mysql;

/**
 * One assignment of a SET statement. {@code name} is lower case without {@code @}/{@code @@}
 * prefixes. Either {@code constant} (already evaluated: a string, or null for NULL / DEFAULT handled
 * by {@code isDefault}) or {@code pgExpression} (PostgreSQL SQL for the engine to evaluate, e.g.
 * for {@code SET @a = (SELECT max(id) FROM t)}) is set.
 */
public record VariableAssignment(Scope scope, String name, String constant, String pgExpression,
    boolean isDefault) {
  public enum Scope {
    SESSION,
    GLOBAL,
    PERSIST,
    USER
  }
}
