package wiregate.mysql.command;

import java.util.List;
import wiregate.core.engine.PreparedQuery;
import wiregate.core.model.GatewayException;
import wiregate.core.model.Statement;
import wiregate.core.model.StatementKind;
import wiregate.core.mysql.MySqlStatement;
import wiregate.mysql.codec.ComFieldList;
import wiregate.mysql.result.ResultColumn;
import wiregate.mysql.session.MySqlSession;
import wiregate.mysql.session.ResultSetWriter;
import wiregate.mysql.session.StatementRunner;

/**
 * COM_FIELD_LIST (deprecated, still sent by old clients): the table's column definitions, described
 * by the engine, then EOF. The wildcard filters column names as LIKE would.
 */
final class FieldListCommand {
  private final MySqlSession session;
  private final StatementRunner runner;

  FieldListCommand(MySqlSession session, StatementRunner runner) {
    this.session = session;
    this.runner = runner;
  }

  void run(ComFieldList request, PacketResponses out) {
    try {
      MySqlStatement statement = session.dialect().prepare("SELECT * FROM `" + request.table().replace("`", "``")
          + "` LIMIT 0", session);
      if (!(statement instanceof MySqlStatement.EngineSql sql)) {
        QueryCommand.writeError(out, wiregate.mysql.session.MySqlError.unknownCommand());
        return;
      }
      PreparedQuery query = session.engine().prepare(new Statement(sql.sql(), StatementKind.QUERY, 0, 0), new int[0]);
      session.engine().release(query);
      List<ResultColumn> columns = ResultSetWriter.describe(query.columns(), session.origins(), session.collation());
      String pattern = request.wildcard() == null || request.wildcard().isEmpty() ? null
          : likeToRegex(request.wildcard());
      out.fieldList(columns.stream().map(ResultColumn::definition)
          .filter(d -> pattern == null || d.name().toLowerCase().matches(pattern)).toList(), session.status());
    } catch (GatewayException e) {
      QueryCommand.writeError(out, runner.failure(e).error());
    }
  }

  private static String likeToRegex(String like) {
    StringBuilder regex = new StringBuilder();
    for (char c : like.toLowerCase().toCharArray()) {
      switch (c) {
        case '%' -> regex.append(".*");
        case '_' -> regex.append('.');
        default -> regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
      }
    }
    return regex.toString();
  }
}
