package wiregate.core.async;

import java.util.Objects;
import javax.sql.DataSource;
import wiregate.core.config.DatabaseConfig;

/**
 * A database the async query service can run SQL on: its id, its kind (which decides how results
 * are streamed from the driver) and a pooled data source. The engine adapter builds these; the
 * service never sees a pool or driver class.
 */
public record QueryDatabase(String id, DatabaseConfig.Kind kind, String description, DataSource dataSource) {
  public QueryDatabase {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(dataSource, "dataSource");
  }

  public DatabaseInfo info() {
    return new DatabaseInfo(id, kind.key(), description);
  }
}
