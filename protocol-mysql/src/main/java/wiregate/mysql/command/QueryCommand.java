package wiregate.mysql.command;

import java.util.List;
import wiregate.core.model.GatewayException;
import wiregate.core.mysql.MySqlStatement;
import wiregate.mysql.errors.MySqlError;
import wiregate.mysql.session.MySqlException;
import wiregate.mysql.session.MySqlSession;
import wiregate.mysql.session.ResponseWriter;
import wiregate.mysql.session.StatementRunner;

/**
 * COM_QUERY: one or more statements (with CLIENT_MULTI_STATEMENTS), run in order, each answered with
 * its own result flagged "more results exist" until the last. The first failure ends the sequence,
 * as in MySQL. Each statement is translated just before it runs, since it may depend on the ones
 * before it (SET @v, CREATE TABLE, USE).
 */
public final class QueryCommand {
  private final MySqlSession session;
  private final StatementRunner runner;
  private final StatementSplitter splitter;
  private final KillCommand kill;

  /** Splits a COM_QUERY text into single statements (the dialect's lexer does it). */
  @FunctionalInterface
  public interface StatementSplitter {
    List<String> split(String text) throws GatewayException;
  }

  public QueryCommand(MySqlSession session, StatementRunner runner, StatementSplitter splitter, KillCommand kill) {
    this.session = session;
    this.runner = runner;
    this.splitter = splitter;
    this.kill = kill;
  }

  /**
   * Runs the text and writes every response.
   *
   * @return true when the connection should be closed afterwards
   */
  public boolean run(String text, boolean multiStatements, ResponseWriter out) {
    List<String> pieces;
    try {
      pieces = splitter.split(text);
    } catch (GatewayException e) {
      writeError(out, runner.failure(e).error());
      return false;
    }
    if (pieces.isEmpty()) {
      writeError(out, MySqlError.queryWasEmpty());
      return false;
    }
    if (pieces.size() > 1 && !multiStatements) {
      // Without CLIENT_MULTI_STATEMENTS MySQL parses the text as one statement: a syntax error.
      String rest = pieces.get(1);
      writeError(out, new MySqlError(1064, "42000", "You have an error in your SQL syntax; check the manual "
          + "that corresponds to your MySQL server version for the right syntax to use near '"
          + (rest.length() > 80 ? rest.substring(0, 80) : rest) + "' at line 1"));
      return false;
    }
    for (int i = 0; i < pieces.size(); i++) {
      boolean last = i == pieces.size() - 1;
      try {
        List<MySqlStatement> statements = session.dialect().translate(pieces.get(i), session);
        if (statements.isEmpty()) {
          statements = List.of(new MySqlStatement.Ignored(pieces.get(i), "empty"));
        }
        for (int j = 0; j < statements.size(); j++) {
          boolean more = !last || j < statements.size() - 1;
          if (statements.get(j) instanceof MySqlStatement.Kill k) {
            if (kill.run(k, out, more ? MySqlSession.STATUS_MORE_RESULTS : 0) == KillCommand.After.CLOSE) {
              return true;
            }
          } else if (runner.run(statements.get(j), out, more)) {
            return true;
          }
        }
      } catch (GatewayException e) {
        writeError(out, runner.failure(e).error());
        return false;
      } catch (MySqlException e) {
        writeError(out, e.error());
        return false;
      }
    }
    return false;
  }

  static void writeError(ResponseWriter out, MySqlError error) {
    out.error(error.errno(), error.sqlState(), error.message());
  }
}
