package wiregate.dialect.mysql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import wiregate.dialect.postgres.PostgresStatementSplitter;

/** The wg_mysql compat schema's statements, from {@code compat-schema.sql} next to this class. */
final class CompatSchema {
  private static final String RESOURCE = "compat-schema.sql";

  private CompatSchema() {}

  static List<String> statements() {
    try (InputStream in = CompatSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return PostgresStatementSplitter.split(sql).stream().map(PostgresStatementSplitter.Piece::sql).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
