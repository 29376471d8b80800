package wiregate.engine.postgres;

import java.util.Arrays;
import wiregate.core.model.Statement;
import wiregate.core.model.StatementKind;

/**
 * What makes two prepared statements interchangeable on one engine connection: the same text, kind,
 * parameter count and client-declared parameter types. In transaction pool mode every client session
 * on that connection reuses the one engine statement for it.
 */
record PreparedKey(String sql, StatementKind kind, int parameterCount, String declaredTypes) {
  static PreparedKey of(Statement statement, int[] declaredTypes) {
    return new PreparedKey(statement.sql(), statement.kind(), statement.parameterCount(), Arrays.toString(declaredTypes));
  }
}
