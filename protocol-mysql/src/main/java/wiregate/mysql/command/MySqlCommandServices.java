package wiregate.mysql.command;

import wiregate.core.engine.Engine;
import wiregate.core.mysql.MySqlDialect;
import wiregate.mysql.result.ColumnOrigins;
import wiregate.mysql.session.CompatSchemaInstaller;
import wiregate.mysql.session.ErrorMapping;

/**
 * What MySQL command phases share, handed in by the server module: the engine and the engine database
 * MySQL sessions use, the MySQL dialect, the column-origin cache, the compat schema installer and the
 * error map.
 */
public record MySqlCommandServices(Engine engine, String database, MySqlDialect dialect, ColumnOrigins origins,
    CompatSchemaInstaller installer, ErrorMapping errors) {}
