package wiregate.mysql.command;

import wiregate.core.model.GatewayException;
import wiregate.mysql.codec.ComStmtFetch;
import wiregate.mysql.result.ResultColumn;
import wiregate.mysql.session.BinaryResultWriter;
import wiregate.mysql.errors.MySqlError;
import wiregate.mysql.session.MySqlSession;
import wiregate.mysql.session.ResponseWriter;
import wiregate.mysql.session.ResultSetWriter;
import wiregate.mysql.session.StatementRunner;
import wiregate.mysql.session.Warnings;

/**
 * COM_STMT_FETCH: the next rows of a statement's open cursor, then an EOF that says whether the
 * cursor has more (CURSOR_EXISTS) or is done (LAST_ROW_SENT, and the cursor is closed).
 */
final class StmtFetchCommand {
  private final MySqlSession session;
  private final StatementRunner runner;
  private final PreparedStatements statements;

  StmtFetchCommand(MySqlSession session, StatementRunner runner, PreparedStatements statements) {
    this.session = session;
    this.runner = runner;
    this.statements = statements;
  }

  void run(ComStmtFetch fetch, ResponseWriter out) {
    ServerStatement statement = statements.get(fetch.statementId());
    if (statement == null) {
      QueryCommand.writeError(out, MySqlError.unknownStatement(Integer.toUnsignedLong(fetch.statementId()),
          "mysqld_stmt_fetch"));
      return;
    }
    if (statement.cursor == null) {
      QueryCommand.writeError(out, new MySqlError(1421, "HY000",
          "The statement (" + Integer.toUnsignedLong(fetch.statementId()) + ") has no open cursor."));
      return;
    }
    BinaryResultWriter binary = new BinaryResultWriter(out);
    binary.columns(statement.columns.stream().map(ResultColumn::definition).toList());
    Warnings warnings = runner.newWarnings();
    ResultSetWriter writer = new ResultSetWriter(binary, session.origins(), session.collation(), session.charset(),
        warnings);
    writer.describedColumns(statement.columns);
    int rows = (int) Math.min(Integer.MAX_VALUE, Math.max(1, fetch.rowCount()));
    try {
      boolean more = statement.cursor.run(writer, rows);
      if (!more) {
        statement.closeCursor(session.engine());
      }
      out.endOfRows(session.status() | (more ? MySqlSession.STATUS_CURSOR_EXISTS : MySqlSession.STATUS_LAST_ROW_SENT),
          warnings.size());
    } catch (GatewayException e) {
      statement.closeCursor(session.engine());
      QueryCommand.writeError(out, runner.failure(e).error());
    }
  }

}
