package wiregate.mysql.errors;

/** An error as a MySQL client receives it in an ERR packet: number, SQLSTATE and message. */
public record MySqlError(int errno, String sqlState, String message) {
  public static MySqlError savepointDoesNotExist(String name) {
    return new MySqlError(1305, "42000", "SAVEPOINT " + name + " does not exist");
  }

  public static MySqlError unknownDatabase(String name) {
    return new MySqlError(1049, "42000", "Unknown database '" + name + "'");
  }

  public static MySqlError queryWasEmpty() {
    return new MySqlError(1065, "42000", "Query was empty");
  }

  public static MySqlError transactionInProgress() {
    return new MySqlError(1568, "25001",
        "Transaction characteristics can't be changed while a transaction is in progress");
  }

  public static MySqlError unknownStatement(long id, String command) {
    return new MySqlError(1243, "HY000",
        "Unknown prepared statement handler (" + Long.toUnsignedString(id) + ") given to " + command);
  }

  public static MySqlError wrongValue(String variable, String value) {
    return new MySqlError(1231, "42000", "Variable '" + variable + "' can't be set to the value of '" + value + "'");
  }

  public static MySqlError unknownCommand() {
    return new MySqlError(1047, "08S01", "Unknown command");
  }

  public static MySqlError malformedPacket() {
    return new MySqlError(1835, "HY000", "Malformed communication packet.");
  }
}
