package wiregate.mysql.command;

import java.io.ByteArrayOutputStream;
import wiregate.mysql.codec.ComStmtClose;
import wiregate.mysql.codec.ComStmtReset;
import wiregate.mysql.codec.ComStmtSendLongData;
import wiregate.mysql.errors.MySqlError;
import wiregate.mysql.session.MySqlSession;
import wiregate.mysql.session.ResponseWriter;

/**
 * The small prepared-statement commands: COM_STMT_SEND_LONG_DATA (collects a parameter's bytes; no
 * answer), COM_STMT_RESET (drops collected data and the cursor; OK) and COM_STMT_CLOSE (no answer).
 */
final class StmtLifecycleCommands {
  private final MySqlSession session;
  private final PreparedStatements statements;

  StmtLifecycleCommands(MySqlSession session, PreparedStatements statements) {
    this.session = session;
    this.statements = statements;
  }

  /** MySQL keeps the data for the next execute; an unknown statement is ignored, as there is no answer. */
  void sendLongData(ComStmtSendLongData data) {
    ServerStatement statement = statements.get(data.statementId());
    if (statement == null || data.parameterIndex() < 0 || data.parameterIndex() >= statement.parameterCount) {
      return;
    }
    statement.longData.computeIfAbsent(data.parameterIndex(), i -> new ByteArrayOutputStream())
        .writeBytes(data.data());
  }

  void reset(ComStmtReset reset, ResponseWriter out) {
    ServerStatement statement = statements.get(reset.statementId());
    if (statement == null) {
      QueryCommand.writeError(out, MySqlError.unknownStatement(Integer.toUnsignedLong(reset.statementId()),
          "mysqld_stmt_reset"));
      return;
    }
    statement.longData.clear();
    statement.closeCursor(session.engine());
    out.ok(0, 0, session.status(), 0, null);
  }

  void close(ComStmtClose close) {
    statements.remove(close.statementId(), session.engine());
  }
}
