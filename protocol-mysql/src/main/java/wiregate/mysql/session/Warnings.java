package wiregate.mysql.session;

import wiregate.core.model.GatewayError;

/** Engine notices as entries of MySQL's diagnostics area. */
final class Warnings {
  /** ER_UNKNOWN_ERROR: MySQL has no number for most PostgreSQL notices. */
  private static final int GENERIC_CODE = 1105;

  private Warnings() {}

  static Warning fromNotice(GatewayError notice) {
    String level = switch (notice.severity() == null ? "" : notice.severity()) {
      case "WARNING" -> "Warning";
      case "ERROR" -> "Error";
      default -> "Note";
    };
    return new Warning(level, GENERIC_CODE, notice.message());
  }
}
