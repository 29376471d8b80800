package wiregate.dialect.mysql.catalog;

import java.util.Optional;
import java.util.function.Function;
import wiregate.core.model.GatewayException;
import wiregate.core.mysql.MySqlContext;
import wiregate.core.mysql.MySqlStatement;

/** STUB (owned by the mysql-catalog helper; the real class replaces this one at merge). */
public final class MySqlSessionStatements {
  private MySqlSessionStatements() {}

  public static Optional<MySqlStatement> translate(String statementText, MySqlContext context,
      Function<String, String> expressionTranslator) throws GatewayException {
    return Optional.empty();
  }
}
