package wiregate.pgwire;

import java.util.List;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.core.engine.EngineSession;
import wiregate.core.model.Statement;
import wiregate.pgwire.codec.BackendMessages;
import wiregate.pgwire.codec.FrontendMessage;

/**
 * Query ('Q'): runs each statement of the text in order and stops at the first error, then reports
 * changed parameters and ReadyForQuery with the engine's transaction status.
 */
final class SimpleQueryHandler {
  private final PgSession session;

  SimpleQueryHandler(PgSession session) {
    this.session = session;
  }

  void handle(FrontendMessage.Query query) {
    List<Statement> statements = session.services().dialect().statements(query.sql());
    if (statements.isEmpty()) {
      BackendMessages.emptyQueryResponse(session.output().buffer());
    }
    RowStreamWriter writer = new RowStreamWriter(session.messages(), session.output(), true, session::commandCompleted);
    EngineSession engine = session.engine();
    Statement current = null;
    try {
      if (statements.size() > 1) {
        // One Query message is one implicit transaction in PostgreSQL; BEGIN inside it adopts it.
        engine.beginImplicitBlock();
      }
      boolean ok = true;
      for (Statement statement : statements) {
        current = statement;
        try {
          engine.execute(statement, writer);
        } catch (GatewayException e) {
          if (e.isFatal()) {
            throw e;
          }
          session.sendError(relativeToQueryText(e.error(), statement));
          ok = false;
          break;
        }
      }
      current = null;
      engine.endImplicitBlock(ok);
    } catch (GatewayException e) {
      GatewayError error = current == null ? e.error() : relativeToQueryText(e.error(), current);
      if (e.isFatal()) {
        session.fail(error);
        return;
      }
      session.sendError(error);
    }
    session.reportParameterChanges();
    session.readyForQuery();
  }

  /** The engine counts error positions within the statement; the client counts within its whole text. */
  static GatewayError relativeToQueryText(GatewayError error, Statement statement) {
    if (error.position() == null || statement.offset() == 0) {
      return error;
    }
    return new GatewayError(error.severity(), error.sqlState(), error.message(), error.detail(), error.hint(),
        error.position() + statement.offset(), error.internalPosition(), error.internalQuery(), error.where(),
        error.schema(), error.table(), error.column(), error.dataType(), error.constraint(), error.file(),
        error.line(), error.routine());
  }
}
