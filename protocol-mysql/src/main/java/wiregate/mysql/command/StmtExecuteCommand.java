package wiregate.mysql.command;

import java.util.ArrayList;
import java.util.List;
import wiregate.core.engine.EnginePortal;
import wiregate.core.engine.ParameterValue;
import wiregate.core.engine.PreparedQuery;
import wiregate.core.model.GatewayException;
import wiregate.core.mysql.MySqlStatement.EngineSql;
import wiregate.mysql.codec.ComStmtExecute;
import wiregate.mysql.codec.CursorType;
import wiregate.mysql.codec.MalformedPacketException;
import wiregate.mysql.codec.MySqlPacket;
import wiregate.mysql.result.ResultColumn;
import wiregate.mysql.session.BinaryResultWriter;
import wiregate.mysql.errors.MySqlError;
import wiregate.mysql.session.MySqlException;
import wiregate.mysql.session.MySqlSession;
import wiregate.mysql.session.ResponseWriter;
import wiregate.mysql.session.ResultSetWriter;
import wiregate.mysql.session.StatementRunner;

/**
 * COM_STMT_EXECUTE: binds the values to the prepared statement and runs it, answering in the binary
 * protocol. With a cursor flag and a result, only the columns are sent; COM_STMT_FETCH reads rows.
 */
final class StmtExecuteCommand {
  private final MySqlSession session;
  private final StatementRunner runner;
  private final PreparedStatements statements;

  StmtExecuteCommand(MySqlSession session, StatementRunner runner, PreparedStatements statements) {
    this.session = session;
    this.runner = runner;
    this.statements = statements;
  }

  void run(MySqlPacket packet, ResponseWriter out) throws MalformedPacketException {
    int id = ComStmtExecute.peekStatementId(packet);
    ServerStatement statement = statements.get(id);
    if (statement == null) {
      QueryCommand.writeError(out, MySqlError.unknownStatement(Integer.toUnsignedLong(id), "mysqld_stmt_execute"));
      return;
    }
    ComStmtExecute execute = ComStmtExecute.decode(packet.buffer(), statement.parameterCount,
        statement.boundTypes, statement::longData, session.clientCharset());
    if (execute.newParamsBound()) {
      statement.boundTypes = execute.types();
    }
    statement.longData.clear();
    statement.closeCursor(session.engine());
    BinaryResultWriter binary = new BinaryResultWriter(out);
    try {
      if (statement.query == null) {
        runner.run(statement.statement, binary, false);
        return;
      }
      EngineSql sql = (EngineSql) statement.statement;
      PreparedQuery query = statement.queryFor(execute.values(), runner::prepare);
      List<ParameterValue> values = engineValues(execute.values(), query.parameterTypes());
      boolean[] textResults = new boolean[statement.columns.size()];
      int cursorFlags = CursorType.READ_ONLY | CursorType.FOR_UPDATE | CursorType.SCROLLABLE;
      if ((execute.flags() & cursorFlags) != 0 && !statement.columns.isEmpty()) {
        openCursor(statement, query, values, textResults, binary);
        return;
      }
      // A query typed after these values may describe other columns: DescribedColumns compares them.
      runner.runOnEngine(sql, binary, 0, statement.described, sink -> {
        EnginePortal portal = session.engine().bind(query, values, textResults);
        try {
          portal.run(sink, 0);
        } finally {
          portal.close();
        }
      });
    } catch (GatewayException e) {
      QueryCommand.writeError(out, runner.failure(e, statement.statement).error());
    } catch (MySqlException e) {
      QueryCommand.writeError(out, e.error());
    }
  }

  /**
   * A cursor needs its engine portal to outlive this command: outside a transaction the engine keeps
   * an implicit block open until the cursor is read to the end or closed.
   */
  private void openCursor(ServerStatement statement, PreparedQuery query, List<ParameterValue> values,
      boolean[] textResults, BinaryResultWriter out) throws GatewayException {
    runner.beginIfAutocommitOff();
    if (statement.openParameters != null) { // typed after this execute's values, and so are the columns
      statement.columns = ResultSetWriter.describe(query.columns(), session.origins(), session.collation(),
          ((EngineSql) statement.statement).selectItems());
    }
    statement.cursor = session.engine().bind(query, values, textResults);
    out.cursorOpened(statement.columns.stream().map(ResultColumn::definition).toList(),
        session.status() | MySqlSession.STATUS_CURSOR_EXISTS);
  }


  /**
   * Binary-protocol values as the engine takes them: raw bytes for a bytea parameter (or a domain
   * over bytea, such as a BLOB column) go in binary format, whatever MySQL type the client sent.
   */
  private List<ParameterValue> engineValues(List<ParameterValue> decoded, int[] engineTypes) throws GatewayException {
    List<ParameterValue> values = new ArrayList<>(decoded.size());
    for (int i = 0; i < decoded.size(); i++) {
      ParameterValue v = decoded.get(i);
      boolean bytes = v.bytes() != null && !v.binary() && i < engineTypes.length
          && session.origins().isBytea(engineTypes[i]);
      values.add(bytes ? new ParameterValue(v.bytes(), true) : v);
    }
    return values;
  }
}
