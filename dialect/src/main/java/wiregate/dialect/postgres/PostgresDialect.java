package wiregate.dialect.postgres;

import java.util.List;
import wiregate.core.model.SourceDialect;
import wiregate.core.model.Statement;

/** The PostgreSQL source dialect: the canonical engine's own, so statements pass through unchanged. */
public final class PostgresDialect implements SourceDialect {
  @Override
  public List<Statement> statements(String text) {
    return PostgresStatementSplitter.split(text).stream()
        .map(p -> new Statement(p.sql(), PostgresStatementClassifier.classify(p.sql()), p.offset()))
        .toList();
  }
}
