package wiregate.core.model;

/**
 * A failure or notice as data: the SQLSTATE plus every field PostgreSQL can report.
 * Each protocol maps it to its own native form. Null fields were not reported.
 */
public record GatewayError(
    String severity,
    String sqlState,
    String message,
    String detail,
    String hint,
    Integer position,
    Integer internalPosition,
    String internalQuery,
    String where,
    String schema,
    String table,
    String column,
    String dataType,
    String constraint,
    String file,
    Integer line,
    String routine) {

  public static final String ERROR = "ERROR";
  public static final String FATAL = "FATAL";

  public static GatewayError of(String severity, String sqlState, String message) {
    return new GatewayError(severity, sqlState, message, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null);
  }

  public static GatewayError error(String sqlState, String message) {
    return of(ERROR, sqlState, message);
  }

  public static GatewayError fatal(String sqlState, String message) {
    return of(FATAL, sqlState, message);
  }

  public GatewayError withHint(String newHint) {
    return new GatewayError(severity, sqlState, message, detail, newHint, position, internalPosition,
        internalQuery, where, schema, table, column, dataType, constraint, file, line, routine);
  }

  /** The same error with its position moved by {@code offset} characters (null positions stay null). */
  public GatewayError withPositionShiftedBy(int offset) {
    if (position == null || offset == 0) {
      return this;
    }
    return new GatewayError(severity, sqlState, message, detail, hint, position + offset, internalPosition,
        internalQuery, where, schema, table, column, dataType, constraint, file, line, routine);
  }

  public GatewayError withWhere(String newWhere) {
    return new GatewayError(severity, sqlState, message, detail, hint, position, internalPosition,
        internalQuery, newWhere, schema, table, column, dataType, constraint, file, line, routine);
  }

  public GatewayError withSeverity(String newSeverity) {
    return new GatewayError(newSeverity, sqlState, message, detail, hint, position, internalPosition,
        internalQuery, where, schema, table, column, dataType, constraint, file, line, routine);
  }
}
