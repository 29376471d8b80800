package wiregate.dialect.mysql.catalog;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import wiregate.core.model.GatewayException;
import wiregate.core.mysql.MySqlContext;
import wiregate.core.mysql.MySqlStatement;

/**
 * The MySQL statements about the session and the catalog: SET (variables, NAMES, CHARACTER SET),
 * USE, SHOW ..., and DESCRIBE / DESC / EXPLAIN of a table. The translator offers every statement
 * here first; anything else (including SET TRANSACTION and EXPLAIN SELECT) comes back empty.
 *
 * <p>Results depend on the session (current database, variables), so callers must not cache them
 * by statement text.
 */
public final class MySqlSessionStatements {
  /** What may follow EXPLAIN / DESCRIBE when it explains a statement rather than describing a table. */
  private static final Set<String> EXPLAINABLE = Set.of(
      "SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "TABLE", "WITH", "VALUES", "FORMAT", "ANALYZE",
      "EXTENDED", "PARTITIONS", "FOR");

  private MySqlSessionStatements() {}

  /**
   * @param statementText one statement, as the client sent it
   * @param expressionTranslator turns a MySQL expression into PostgreSQL SQL (for SET @a = expr and
   *     SHOW ... WHERE expr); SHOW WHERE conditions refer to the SHOW's columns by their lower-case names
   * @return the statement, or empty when it is not a session or catalog statement
   */
  public static Optional<MySqlStatement> translate(String statementText, MySqlContext context,
      Function<String, String> expressionTranslator) throws GatewayException {
    TokenCursor cursor = new TokenCursor(statementText);
    Token first = cursor.next();
    if (first.isWord("SET")) {
      return SetStatement.translate(cursor, context, expressionTranslator);
    }
    if (first.isWord("USE")) {
      String database = cursor.identifier();
      cursor.expectEnd();
      return Optional.of(new MySqlStatement.UseDatabase(statementText, database));
    }
    if (first.isWord("SHOW")) {
      return Optional.of(ShowStatements.show(cursor, context, expressionTranslator));
    }
    if (first.isWord("DESCRIBE") || first.isWord("DESC") || first.isWord("EXPLAIN")) {
      Token next = cursor.peek();
      if (!next.isIdentifier() || next.type() == Token.Type.WORD && EXPLAINABLE.contains(next.upper())) {
        return Optional.empty();
      }
      return Optional.of(ShowStatements.describe(cursor, context, expressionTranslator));
    }
    return Optional.empty();
  }
}
