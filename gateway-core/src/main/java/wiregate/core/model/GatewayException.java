package wiregate.core.model;

/** Carries a {@link GatewayError} across layers. */
public final class GatewayException extends Exception {
  private final GatewayError error;

  public GatewayException(GatewayError error) {
    super(error.sqlState() + ": " + error.message());
    this.error = error;
  }

  public GatewayException(GatewayError error, Throwable cause) {
    super(error.sqlState() + ": " + error.message(), cause);
    this.error = error;
  }

  public GatewayError error() {
    return error;
  }

  /** True when the session cannot continue (the engine connection is gone, or the error is FATAL). */
  public boolean isFatal() {
    return GatewayError.FATAL.equals(error.severity()) || "PANIC".equals(error.severity())
        || error.sqlState().startsWith("08");
  }
}
