package wiregate.async.format;

/**
 * One column of a result. {@code precision} and {@code scale} matter for DECIMAL only: a precision
 * of 0 means unconstrained (PostgreSQL's plain {@code numeric}). {@code sqlType} is the target's
 * own type name, kept for documentation and debugging.
 */
public record ResultColumn(String name, ColumnKind kind, int precision, int scale, String sqlType) {

  /** Precision and scale fit Parquet's DECIMAL (at most 38 digits). */
  public boolean boundedDecimal() {
    return kind == ColumnKind.DECIMAL && precision > 0 && precision <= 38 && scale >= 0 && scale <= precision;
  }
}
