package wiregate.dialect.mysql;

import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;

/** Errors in the words a MySQL user expects (spec 10); the protocol maps the SQLSTATE to an errno. */
final class MySqlSyntaxErrors {
  private MySqlSyntaxErrors() {}

  /** MySQL's ER_PARSE_ERROR text, quoting the statement from {@code offset} on. */
  static GatewayException near(String text, int offset) {
    int at = Math.max(0, Math.min(offset, text.length()));
    String rest = text.substring(at);
    if (rest.length() > 80) {
      rest = rest.substring(0, 80);
    }
    int line = 1;
    for (int i = 0; i < at; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return new GatewayException(GatewayError.error("42601",
        "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server "
            + "version for the right syntax to use near '" + rest + "' at line " + line));
  }

  static GatewayException unsupported(String what) {
    return new GatewayException(GatewayError.error("0A000", what + " is not supported by this server"));
  }

  static GatewayException error(String sqlState, String message) {
    return new GatewayException(GatewayError.error(sqlState, message));
  }
}
