package wiregate.mysql.command;

import wiregate.mysql.codec.Collations;
import wiregate.mysql.codec.ColumnFlags;
import wiregate.mysql.codec.ColumnType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import wiregate.core.engine.PreparedQuery;
import wiregate.core.model.GatewayException;
import wiregate.core.model.Statement;
import wiregate.core.model.StatementKind;
import wiregate.core.mysql.MySqlStatement;
import wiregate.core.mysql.MySqlStatement.EngineSql;
import wiregate.mysql.codec.ColumnDefinition41;
import wiregate.mysql.result.ColumnMapper;
import wiregate.mysql.result.ResultColumn;
import wiregate.mysql.session.MySqlSession;
import wiregate.mysql.session.ResponseWriter;
import wiregate.mysql.session.ResultSetWriter;
import wiregate.mysql.session.StatementRunner;

/**
 * COM_STMT_PREPARE: translates one statement with {@code ?} placeholders and prepares it on the
 * engine, which infers the parameter types and describes the result columns. Statements the gateway
 * answers itself (SET, SHOW of variables, ...) are kept translated and run at execute.
 */
final class StmtPrepareCommand {
  /** MySQL describes each parameter as a nameless "?" column. */
  private static final ColumnDefinition41 PARAMETER = ColumnDefinition41.computed("?", Collations.BINARY, 0, ColumnType.VAR_STRING, ColumnFlags.BINARY, 0);

  private static final int TEXT = 25;

  private final MySqlSession session;
  private final StatementRunner runner;
  private final PreparedStatements statements;

  StmtPrepareCommand(MySqlSession session, StatementRunner runner, PreparedStatements statements) {
    this.session = session;
    this.runner = runner;
    this.statements = statements;
  }

  void run(String text, ResponseWriter out) {
    MySqlStatement statement = null;
    try {
      statement = session.dialect().prepare(text, session);
      ServerStatement prepared = prepare(statement);
      statements.add(prepared);
      List<ColumnDefinition41> parameters = Collections.nCopies(prepared.parameterCount, PARAMETER);
      List<ColumnDefinition41> columns = prepared.columns.stream().map(ResultColumn::definition).toList();
      out.prepareOk(prepared.id, parameters, columns, 0);
    } catch (GatewayException e) {
      QueryCommand.writeError(out, (statement == null ? runner.failure(e) : runner.failure(e, statement)).error());
    }
  }

  /**
   * Prepares on the engine, which infers parameter types. MySQL accepts a parameter whose type
   * nothing determines (SELECT ?); PostgreSQL does not (42P18), so such parameters are declared text.
   */
  private PreparedQuery prepareOnEngine(EngineSql sql) throws GatewayException {
    Statement statement = new Statement(sql.sql(), sql.kind(), 0, sql.parameterCount());
    try {
      return session.engine().prepare(statement, new int[0]);
    } catch (GatewayException e) {
      if (!"42P18".equals(e.error().sqlState())) {
        throw e;
      }
      int[] text = new int[sql.parameterCount()];
      java.util.Arrays.fill(text, TEXT);
      return session.engine().prepare(statement, text);
    }
  }

  private ServerStatement prepare(MySqlStatement statement) throws GatewayException {
    int id = statements.nextId();
    if (statement instanceof EngineSql sql && sql.preamble().isEmpty()
        && sql.kind() != StatementKind.TRANSACTION_CONTROL) {
      PreparedQuery query = prepareOnEngine(sql);
      boolean hidesRows = sql.insertOutcome() != MySqlStatement.InsertOutcome.NONE;
      List<ResultColumn> columns = query.columns() == null || hidesRows ? List.of()
          : ResultSetWriter.describe(query.columns(), session.origins(), session.collation());
      return new ServerStatement(id, statement, query, query.parameterTypes().length, columns);
    }
    int parameters = statement instanceof EngineSql sql ? sql.parameterCount() : 0;
    List<ResultColumn> columns = new ArrayList<>();
    return new ServerStatement(id, statement, null, parameters, columns);
  }
}
