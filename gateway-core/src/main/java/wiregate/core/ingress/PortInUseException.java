package wiregate.core.ingress;

/** A listener could not bind; the message names the setting to change. */
public final class PortInUseException extends RuntimeException {
  public PortInUseException(String message, Throwable cause) {
    super(message, cause);
  }
}
