package wiregate.core.engine;

/** One bound parameter: its bytes (null for SQL NULL) in text or binary format. */
public record ParameterValue(byte[] bytes, boolean binary) {
  public static final ParameterValue NULL = new ParameterValue(null, false);
}
