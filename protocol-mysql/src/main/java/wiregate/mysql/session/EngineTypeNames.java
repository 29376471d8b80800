package wiregate.mysql.session;

/**
 * The PostgreSQL type name for a built-in type OID, to write a captured value back as a typed literal
 * (user variables keep their type, as in MySQL). Types not listed read as text.
 */
final class EngineTypeNames {
  private EngineTypeNames() {}

  static String of(int oid) {
    return switch (oid) {
      case 16 -> "boolean";
      case 17 -> "bytea";
      case 20 -> "bigint";
      case 21 -> "smallint";
      case 23 -> "integer";
      case 700 -> "real";
      case 701 -> "double precision";
      case 1082 -> "date";
      case 1083 -> "time";
      case 1114 -> "timestamp";
      case 1184 -> "timestamptz";
      case 1700 -> "numeric";
      case 3802 -> "jsonb";
      default -> "text";
    };
  }
}
