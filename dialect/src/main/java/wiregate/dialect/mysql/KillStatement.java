package wiregate.dialect.mysql;

import wiregate.core.model.GatewayException;
import wiregate.core.mysql.MySqlStatement;

/** MySQL's {@code KILL [CONNECTION | QUERY] expr}; the protocol session finds and ends the connection. */
final class KillStatement {
  private KillStatement() {}

  static MySqlStatement.Kill parse(SourceStatement s, SessionValues session) throws GatewayException {
    int start = 1;
    boolean queryOnly = false;
    if (s.isWord(1, "QUERY")) {
      queryOnly = true;
      start = 2;
    } else if (s.isWord(1, "CONNECTION")) {
      start = 2;
    }
    if (start >= s.size()) {
      throw s.syntaxErrorAt(s.size());
    }
    String id = new PgRenderer(s, session).render(start, s.size()).trim();
    return new MySqlStatement.Kill(s.text(), id, queryOnly);
  }
}
