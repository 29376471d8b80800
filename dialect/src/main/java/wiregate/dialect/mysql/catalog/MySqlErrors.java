package wiregate.dialect.mysql.catalog;

import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;

/**
 * Errors this package raises in MySQL's own words. Each carries the closest PostgreSQL SQLSTATE and
 * MySQL's exact message text; the MySQL protocol's error map recognises the message and sends MySQL's
 * error number (see the "Error numbers" table in docs/mysql.md), so these texts must not drift.
 */
final class MySqlErrors {
  private MySqlErrors() {}

  /** 1193 HY000. */
  static GatewayException unknownSystemVariable(String name) {
    return error("42704", "Unknown system variable '" + name + "'");
  }

  /** 1238 HY000. */
  static GatewayException readOnlyVariable(String name) {
    return error("55P02", "Variable '" + name + "' is a read only variable");
  }

  /** 1621 HY000: e.g. SET SESSION max_allowed_packet. */
  static GatewayException sessionValueReadOnly(String name) {
    return error("55P02", "SESSION variable '" + name + "' is read-only. Use SET GLOBAL to assign the value");
  }

  /** 1228 HY000. */
  static GatewayException sessionOnlyWithGlobal(String name) {
    return error("55P02", "Variable '" + name + "' is a SESSION variable and can't be used with SET GLOBAL");
  }

  /** 1229 HY000. */
  static GatewayException globalOnlyWithSession(String name) {
    return error("55P02", "Variable '" + name + "' is a GLOBAL variable and should be set with SET GLOBAL");
  }

  /** 1238 HY000: reading @@global.x of a session-only variable. */
  static GatewayException isSessionVariable(String name) {
    return error("55P02", "Variable '" + name + "' is a SESSION variable");
  }

  /** 1238 HY000: reading @@session.x of a global-only variable. */
  static GatewayException isGlobalVariable(String name) {
    return error("55P02", "Variable '" + name + "' is a GLOBAL variable");
  }

  /** 1231 42000. */
  static GatewayException wrongValue(String name, String value) {
    return error("22023", "Variable '" + name + "' can't be set to the value of '" + (value == null ? "NULL" : value) + "'");
  }

  /** 1232 42000. */
  static GatewayException wrongArgumentType(String name) {
    return error("42804", "Incorrect argument type to variable '" + name + "'");
  }

  /** 1115 42000. */
  static GatewayException unknownCharacterSet(String name) {
    return error("42704", "Unknown character set: '" + name + "'");
  }

  /** 1273 HY000. */
  static GatewayException unknownCollation(String name) {
    return error("42704", "Unknown collation: '" + name + "'");
  }

  /** 1253 42000. */
  static GatewayException collationNotForCharset(String collation, String charset) {
    return error("42P21", "COLLATION '" + collation + "' is not valid for CHARACTER SET '" + charset + "'");
  }

  /** 1298 HY000. */
  static GatewayException unknownTimeZone(String zone) {
    return error("22023", "Unknown or incorrect time zone: '" + zone + "'");
  }

  /** 1046 3D000. */
  static GatewayException noDatabaseSelected() {
    return error("3D000", "No database selected");
  }

  /** 1049 42000. */
  static GatewayException unknownDatabase(String database) {
    return error("3F000", "Unknown database '" + database + "'");
  }

  /** 1146 42S02. */
  static GatewayException noSuchTable(String database, String table) {
    return error("42P01", "Table '" + database + "." + table + "' doesn't exist");
  }

  /** 1235 42000. */
  static GatewayException notSupported(String what) {
    return error("0A000", "This version of MySQL doesn't yet support '" + what + "'");
  }

  private static GatewayException error(String sqlState, String message) {
    return new GatewayException(GatewayError.error(sqlState, message));
  }
}
