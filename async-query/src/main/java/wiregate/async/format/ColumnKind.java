package wiregate.async.format;

/**
 * What a result column holds, as the writers need to know it. The Java value a row carries for
 * each kind is: Boolean, Integer, Long, Float, Double, BigDecimal (or a String such as NaN a
 * decimal cannot hold), String, String of JSON text, LocalDate, LocalDateTime, OffsetDateTime,
 * byte[]; or null.
 */
public enum ColumnKind {
  BOOLEAN,
  INT32,
  INT64,
  FLOAT,
  DOUBLE,
  DECIMAL,
  STRING,
  JSON,
  DATE,
  TIMESTAMP,
  TIMESTAMPTZ,
  BINARY
}
