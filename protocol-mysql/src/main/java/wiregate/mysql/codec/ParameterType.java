package wiregate.mysql.codec;

/** A prepared statement parameter's type as COM_STMT_EXECUTE binds it: a column type and a sign. */
public record ParameterType(int type, boolean unsigned) {
  static ParameterType decode(int twoBytes) {
    return new ParameterType(twoBytes & 0xff, ((twoBytes >>> 8) & ColumnType.UNSIGNED_PARAMETER_FLAG) != 0);
  }

  int encode() {
    return type | (unsigned ? ColumnType.UNSIGNED_PARAMETER_FLAG << 8 : 0);
  }

  @Override
  public String toString() {
    return ColumnType.name(type) + (unsigned ? " UNSIGNED" : "");
  }
}
