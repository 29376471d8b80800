package wiregate.engine.postgres;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.core.model.SqlState;

/** Turns what pgjdbc reports into {@link GatewayError}s, keeping every field the engine sent. */
public final class EngineErrors {
  private EngineErrors() {}

  static GatewayException toGatewayException(SQLException e) {
    return new GatewayException(toError(e), e);
  }

  static GatewayError toError(SQLException e) {
    ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
    if (server != null && server.getSQLState() != null) {
      return fromServer(server);
    }
    String state = e.getSQLState() != null ? e.getSQLState() : SqlState.INTERNAL_ERROR;
    if (state.startsWith("08")) {
      // The engine connection itself failed: the session cannot go on.
      return GatewayError.fatal(state, "lost the connection to the engine: " + e.getMessage());
    }
    return GatewayError.error(state, e.getMessage());
  }

  static GatewayError toNotice(java.sql.SQLWarning warning) {
    if (warning instanceof PSQLWarning w && w.getServerErrorMessage() != null) {
      return fromServer(w.getServerErrorMessage());
    }
    return GatewayError.of("WARNING", warning.getSQLState() != null ? warning.getSQLState() : "01000",
        warning.getMessage());
  }

  /** An ErrorResponse's fields as the engine sent them (type byte, text, NUL; ...), as FATAL. */
  public static GatewayError fatalFromFields(String fields) {
    return fromServer(new ServerErrorMessage(fields)).withSeverity(GatewayError.FATAL);
  }

  private static GatewayError fromServer(ServerErrorMessage m) {
    return new GatewayError(
        m.getSeverity() != null ? m.getSeverity() : GatewayError.ERROR,
        m.getSQLState(),
        m.getMessage() != null ? m.getMessage() : "",
        m.getDetail(),
        m.getHint(),
        m.getPosition() > 0 ? m.getPosition() : null,
        m.getInternalPosition() > 0 ? m.getInternalPosition() : null,
        m.getInternalQuery(),
        m.getWhere(),
        m.getSchema(),
        m.getTable(),
        m.getColumn(),
        m.getDatatype(),
        m.getConstraint(),
        m.getFile(),
        m.getLine() > 0 ? m.getLine() : null,
        m.getRoutine());
  }
}
