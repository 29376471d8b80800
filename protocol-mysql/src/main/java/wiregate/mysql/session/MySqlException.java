package wiregate.mysql.session;

import wiregate.mysql.errors.MySqlError;

/** A command failed with the given MySQL error; the connection goes on unless the error says otherwise. */
public final class MySqlException extends Exception {
  private final MySqlError error;

  public MySqlException(MySqlError error) {
    super(error.errno() + " (" + error.sqlState() + "): " + error.message());
    this.error = error;
  }

  public MySqlError error() {
    return error;
  }
}
