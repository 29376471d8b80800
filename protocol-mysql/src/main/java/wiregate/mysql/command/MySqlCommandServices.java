package wiregate.mysql.command;

import wiregate.core.engine.Engine;
import wiregate.core.mysql.MySqlDialect;
import wiregate.mysql.result.ColumnOrigins;
import wiregate.mysql.session.CompatSchemaInstaller;
import wiregate.mysql.errors.MySqlErrorMap;

/**
 * What MySQL command phases share, handed in by the server module: the engine and the engine database
 * MySQL sessions use, the MySQL dialect, the column-origin cache, the compat schema installer, the
 * error map, and the connections KILL can reach.
 */
public record MySqlCommandServices(Engine engine, String database, MySqlDialect dialect, ColumnOrigins origins,
    CompatSchemaInstaller installer, MySqlErrorMap errors, KillableConnections connections) {
  /** With a registry of its own: the connections of the phases these services make. */
  public MySqlCommandServices(Engine engine, String database, MySqlDialect dialect, ColumnOrigins origins,
      CompatSchemaInstaller installer, MySqlErrorMap errors) {
    this(engine, database, dialect, origins, installer, errors, new KillableConnections());
  }
}
