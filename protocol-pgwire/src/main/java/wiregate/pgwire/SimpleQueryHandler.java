package wiregate.pgwire;

import java.util.List;
import wiregate.core.engine.CopyIn;
import wiregate.core.engine.CopyOut;
import wiregate.core.engine.EngineSession;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.core.model.SqlState;
import wiregate.core.model.Statement;
import wiregate.pgwire.codec.BackendMessages;
import wiregate.pgwire.codec.FrontendMessage;

/**
 * Query ('Q'): runs each statement of the text in order and stops at the first error, then reports
 * changed parameters and ReadyForQuery with the engine's transaction status. A COPY FROM STDIN in
 * the text pauses the run until the client's CopyDone or CopyFail; the rest then runs.
 */
final class SimpleQueryHandler {
  private final PgSession session;
  /** The run waiting for COPY data, with its copy; null when no COPY FROM STDIN is in progress. */
  private Run waiting;
  private CopyIn copy;
  private GatewayError copyError;

  SimpleQueryHandler(PgSession session) {
    this.session = session;
  }

  /** The statements of one Query message and how far they have run. */
  private static final class Run {
    final List<Statement> statements;
    final RowStreamWriter writer;
    int next;

    Run(List<Statement> statements, RowStreamWriter writer) {
      this.statements = statements;
      this.writer = writer;
    }
  }

  boolean copyInProgress() {
    return waiting != null;
  }

  void handle(FrontendMessage.Query query) {
    List<Statement> statements = session.services().dialect().statements(query.sql());
    if (statements.isEmpty()) {
      BackendMessages.emptyQueryResponse(session.output().buffer());
      finish(true);
      return;
    }
    Run run = new Run(statements, new RowStreamWriter(session.messages(), session.output(), true,
        session::commandCompleted));
    try {
      if (statements.size() > 1) {
        // One Query message is one implicit transaction in PostgreSQL; BEGIN inside it adopts it.
        session.engine().beginImplicitBlock();
      }
    } catch (GatewayException e) {
      failed(e, null);
      return;
    }
    resume(run);
  }

  private void resume(Run run) {
    EngineSession engine = session.engine();
    while (run.next < run.statements.size()) {
      Statement statement = run.statements.get(run.next++);
      try {
        switch (statement.kind()) {
          case COPY_FROM_CLIENT -> {
            startCopyIn(run, statement);
            return;
          }
          case COPY_TO_CLIENT -> copyOut(statement, run.writer);
          default -> engine.execute(statement, run.writer);
        }
      } catch (GatewayException e) {
        failed(e, statement);
        return;
      }
    }
    finish(true);
  }

  private void startCopyIn(Run run, Statement statement) throws GatewayException {
    copy = session.engine().copyIn(statement);
    copyError = null;
    waiting = run;
    BackendMessages.copyResponse(session.output().buffer(), true, copy.format(), copy.columnFormats());
    session.output().flush();
  }

  private void copyOut(Statement statement, RowStreamWriter writer) throws GatewayException {
    CopyOut out = session.engine().copyOut(statement);
    BackendMessages.copyResponse(session.output().buffer(), false, out.format(), out.columnFormats());
    for (byte[] data = out.read(); data != null; data = out.read()) {
      BackendMessages.copyData(session.output().buffer(), data);
      session.output().flushIfFull();
    }
    BackendMessages.copyDone(session.output().buffer());
    writer.complete("COPY " + out.rowCount());
  }

  /** CopyData, CopyDone and CopyFail while a COPY FROM STDIN runs. */
  void copyMessage(FrontendMessage message) {
    switch (message) {
      case FrontendMessage.CopyData d -> {
        if (copyError == null) {
          try {
            copy.write(d.data());
          } catch (GatewayException e) {
            // PostgreSQL reports the error at once and ignores data until CopyDone or CopyFail.
            copyError = e.error();
            session.sendError(copyError);
            session.output().flush();
          }
        }
      }
      case FrontendMessage.CopyDone done -> {
        Run run = endCopy();
        if (copyError != null) {
          finish(false);
          return;
        }
        try {
          long rows = copy.finish();
          run.writer.complete("COPY " + rows);
          resume(run);
        } catch (GatewayException e) {
          failed(e, null);
        }
      }
      case FrontendMessage.CopyFail fail -> {
        endCopy();
        copy.abort();
        if (copyError == null) {
          session.sendError(GatewayError.error(SqlState.QUERY_CANCELED, "COPY from stdin failed: " + fail.reason()));
        }
        finish(false);
      }
      default -> {
        endCopy();
        copy.abort();
        session.sendError(GatewayError.error(SqlState.PROTOCOL_VIOLATION,
            "unexpected message type " + message.getClass().getSimpleName() + " during COPY from stdin"));
        finish(false);
      }
    }
  }

  private Run endCopy() {
    Run run = waiting;
    waiting = null;
    return run;
  }

  private void failed(GatewayException e, Statement statement) {
    GatewayError error = statement == null ? e.error() : relativeToQueryText(e.error(), statement);
    if (e.isFatal()) {
      session.fail(error);
      return;
    }
    session.sendError(error);
    finish(false);
  }

  private void finish(boolean ok) {
    try {
      session.engine().endImplicitBlock(ok);
    } catch (GatewayException e) {
      if (e.isFatal()) {
        session.fail(e.error());
        return;
      }
      session.sendError(e.error());
    }
    session.reportParameterChanges();
    session.readyForQuery();
  }

  /** The engine counts error positions within the statement; the client counts within its whole text. */
  static GatewayError relativeToQueryText(GatewayError error, Statement statement) {
    return error.withPositionShiftedBy(statement.offset());
  }
}
