package wiregate.mysql.errors;

/** An error as a MySQL client receives it in an ERR packet: number, SQLSTATE and message. */
public record MySqlError(int errno, String sqlState, String message) {}
