package wiregate.mysql.command;

import java.util.List;
import wiregate.core.model.GatewayException;
import wiregate.core.mysql.MySqlStatement;
import wiregate.mysql.errors.MySqlError;
import wiregate.mysql.session.MySqlException;
import wiregate.mysql.session.MySqlSession;
import wiregate.mysql.session.ResponseWriter;

/**
 * KILL [CONNECTION | QUERY] id, as MySQL runs it for a user without CONNECTION_ADMIN: only the
 * user's own connections (1095 otherwise), an unknown id is 1094. The victim's running statement
 * fails with 1317 (its engine statement is cancelled); KILL CONNECTION also closes the victim.
 */
final class KillCommand {
  /** What the killer's connection does after the KILL. */
  enum After { CONTINUE, CLOSE }

  private final MySqlSession session;
  private final KillableConnections connections;

  KillCommand(MySqlSession session, KillableConnections connections) {
    this.session = session;
    this.connections = connections;
  }

  After run(MySqlStatement.Kill kill, ResponseWriter out, int more) throws MySqlException, GatewayException {
    long id = connectionId(kill.connectionId());
    KillableConnections.Target target = connections.find(id);
    if (target == null) {
      throw new MySqlException(new MySqlError(1094, "HY000", "Unknown thread id: " + id));
    }
    if (!target.user().equals(session.user())) {
      throw new MySqlException(new MySqlError(1095, "HY000", "You are not owner of thread " + id));
    }
    if (id == session.connectionId()) {
      // Killing itself: MySQL interrupts the KILL statement itself, or drops the connection unanswered.
      if (kill.queryOnly()) {
        throw new MySqlException(new MySqlError(1317, "70100", "Query execution was interrupted"));
      }
      return After.CLOSE;
    }
    if (kill.queryOnly()) {
      target.cancelStatement();
    } else {
      target.close();
    }
    out.ok(0, 0, session.status() | more, 0, null);
    return After.CONTINUE;
  }

  /** The id: a number as the dialect usually renders it, else an expression the engine evaluates. */
  private long connectionId(String expression) throws GatewayException, MySqlException {
    String text = expression;
    if (!text.matches("\\d{1,18}")) {
      List<List<String>> rows = session.query("SELECT (" + expression + ")::bigint");
      text = rows.isEmpty() || rows.get(0).isEmpty() ? null : rows.get(0).get(0);
      if (text == null) {
        throw new MySqlException(new MySqlError(1094, "HY000", "Unknown thread id: 0"));
      }
    }
    return Long.parseLong(text);
  }
}
