package wiregate.dialect.postgres;

import java.util.List;
import java.util.Optional;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.core.model.SourceDialect;
import wiregate.core.model.Statement;

/** The PostgreSQL source dialect: the canonical engine's own, so statements pass through unchanged. */
public final class PostgresDialect implements SourceDialect {
  @Override
  public List<Statement> statements(String text) {
    return PostgresStatementSplitter.split(text).stream()
        .map(p -> new Statement(p.sql(), PostgresStatementClassifier.classify(p.sql()), p.offset(),
            p.parameterCount()))
        .toList();
  }

  @Override
  public Optional<Statement> single(String text) throws GatewayException {
    List<Statement> statements = statements(text);
    if (statements.size() > 1) {
      throw new GatewayException(GatewayError.error("42601",
          "cannot insert multiple commands into a prepared statement"));
    }
    return statements.stream().findFirst();
  }
}
