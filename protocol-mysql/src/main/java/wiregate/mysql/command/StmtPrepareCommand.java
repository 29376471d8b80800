package wiregate.mysql.command;

import wiregate.mysql.codec.Collations;
import wiregate.mysql.codec.ColumnFlags;
import wiregate.mysql.codec.ColumnType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern UNDETERMINED_PARAMETER = Pattern.compile("parameter \\$(\\d+)");

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
   * nothing determines (SELECT ? IS NULL); PostgreSQL does not (42P18, naming one such parameter): each
   * is declared text for the description and marked open, and execute tries it with the type the
   * client binds ({@link ServerStatement#queryFor}). A failed attempt leaves an open transaction usable ({@link StatementRunner#prepare}).
   *
   * @param open set to true for each parameter the gateway had to declare
   */
  private PreparedQuery prepareOnEngine(EngineSql sql, boolean[] open) throws GatewayException {
    Statement statement = sql.engineStatement();
    int[] declared = new int[sql.parameterCount()];
    while (true) {
      try {
        return runner.prepare(statement, declared);
      } catch (GatewayException e) {
        if (!"42P18".equals(e.error().sqlState()) || !declareOpen(e.error().message(), declared, open)) {
          throw e;
        }
      }
    }
  }

  /**
   * Declares text the parameter the engine's 42P18 message names ("... of parameter $2"), or, when
   * it names none the gateway has not declared yet, every undeclared one.
   *
   * @return false when there was nothing left to declare (the error stands)
   */
  static boolean declareOpen(String message, int[] declared, boolean[] open) {
    Matcher m = UNDETERMINED_PARAMETER.matcher(message);
    if (m.find()) {
      int index = Integer.parseInt(m.group(1)) - 1;
      if (index >= 0 && index < declared.length && declared[index] == 0) {
        declared[index] = TEXT;
        open[index] = true;
        return true;
      }
    }
    boolean any = false;
    for (int i = 0; i < declared.length; i++) {
      if (declared[i] == 0) {
        declared[i] = TEXT;
        open[i] = true;
        any = true;
      }
    }
    return any;
  }

  private ServerStatement prepare(MySqlStatement statement) throws GatewayException {
    int id = statements.nextId();
    if (statement instanceof EngineSql sql && sql.preamble().isEmpty()
        && sql.kind() != StatementKind.TRANSACTION_CONTROL) {
      boolean[] open = new boolean[sql.parameterCount()];
      PreparedQuery query = prepareOnEngine(sql, open);
      boolean hidesRows = sql.dmlOutcome() != MySqlStatement.DmlOutcome.NONE;
      List<ResultColumn> columns = query.columns() == null || hidesRows ? List.of()
          : ResultSetWriter.describe(query.columns(), session.origins(), session.collation(), sql.selectItems());
      boolean anyOpen = false;
      for (int i = 0; i < open.length; i++) {
        // text is also what the engine picks for a parameter nothing determines (SELECT ?)
        open[i] |= i < query.parameterTypes().length && query.parameterTypes()[i] == TEXT;
        anyOpen |= open[i];
      }
      return new ServerStatement(id, statement, query, query.parameterTypes().length, columns, anyOpen ? open : null);
    }
    int parameters = statement instanceof EngineSql sql ? sql.parameterCount() : 0;
    List<ResultColumn> columns = new ArrayList<>();
    return new ServerStatement(id, statement, null, parameters, columns, null);
  }
}
