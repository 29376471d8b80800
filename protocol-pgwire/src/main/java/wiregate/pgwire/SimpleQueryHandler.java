package wiregate.pgwire;

import java.util.List;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.core.engine.EngineSession;
import wiregate.core.model.Statement;
import wiregate.core.model.StatementKind;
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
    RowStreamWriter writer = new RowStreamWriter(session.messages(), session.output());
    EngineSession engine = session.engine();
    Statement current = null;
    try {
      boolean implicitBlock = needsImplicitBlock(statements) && engine.beginImplicitBlock();
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
      if (implicitBlock) {
        current = null;
        engine.endImplicitBlock(ok);
      }
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

  /**
   * PostgreSQL runs a multi-statement message as one implicit transaction. With BEGIN or COMMIT in
   * the message the blocks nest in ways an outer BEGIN cannot mimic, so those run statement by statement.
   */
  private static boolean needsImplicitBlock(List<Statement> statements) {
    return statements.size() > 1
        && statements.stream().noneMatch(s -> s.kind() == StatementKind.TRANSACTION_CONTROL);
  }

  /** The engine counts error positions within the statement; the client counts within its whole text. */
  private static GatewayError relativeToQueryText(GatewayError error, Statement statement) {
    if (error.position() == null || statement.offset() == 0) {
      return error;
    }
    return new GatewayError(error.severity(), error.sqlState(), error.message(), error.detail(), error.hint(),
        error.position() + statement.offset(), error.internalPosition(), error.internalQuery(), error.where(),
        error.schema(), error.table(), error.column(), error.dataType(), error.constraint(), error.file(),
        error.line(), error.routine());
  }
}
