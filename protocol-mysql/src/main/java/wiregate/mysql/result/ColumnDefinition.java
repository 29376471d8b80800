package wiregate.mysql.result;

/**
 * One result column as a MySQL client sees it (Protocol::ColumnDefinition41). {@code type},
 * {@code flags} and {@code collation} use MySQL's numbering.
 */
public record ColumnDefinition(
    String schema,
    String table,
    String orgTable,
    String name,
    String orgName,
    int collation,
    long length,
    int type,
    int flags,
    int decimals) {

  /** A computed column of the given type (no table), e.g. for results the gateway answers itself. */
  public static ColumnDefinition computed(String name, int type, int collation, long length, int flags, int decimals) {
    return new ColumnDefinition("", "", "", name, "", collation, length, type, flags, decimals);
  }
}
