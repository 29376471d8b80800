package wiregate.pgwire.codec;

import wiregate.core.model.GatewayError;
import wiregate.core.model.SqlState;

/** Malformed input from the client; the connection gets a FATAL error and is closed. */
public final class ProtocolViolation extends RuntimeException {
  private final GatewayError error;

  public ProtocolViolation(String message) {
    this(GatewayError.fatal(SqlState.PROTOCOL_VIOLATION, message));
  }

  public ProtocolViolation(GatewayError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  public GatewayError error() {
    return error;
  }
}
