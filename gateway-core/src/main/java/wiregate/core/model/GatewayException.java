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

  /**
   * True when the session cannot continue: the error is FATAL (a lost engine link is reported as
   * FATAL too). A protocol violation (08P01) in a well-framed message is an ordinary ERROR.
   */
  public boolean isFatal() {
    return GatewayError.FATAL.equals(error.severity()) || "PANIC".equals(error.severity());
  }
}
