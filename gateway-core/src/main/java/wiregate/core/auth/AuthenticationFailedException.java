package wiregate.core.auth;

import wiregate.core.model.SqlState;

/**
 * An authentication attempt failed. The message is the reason, meant for the server log; what the
 * client is told is up to the protocol, which should not reveal more than "authentication failed".
 */
public final class AuthenticationFailedException extends Exception {
  private final boolean protocolViolation;

  private AuthenticationFailedException(String reason, boolean protocolViolation) {
    super(reason);
    this.protocolViolation = protocolViolation;
  }

  /** The client sent something malformed or out of order. */
  public static AuthenticationFailedException protocolViolation(String reason) {
    return new AuthenticationFailedException(reason, true);
  }

  /** Well-formed, but the credentials are wrong (or the user does not exist). */
  public static AuthenticationFailedException invalidPassword(String reason) {
    return new AuthenticationFailedException(reason, false);
  }

  public boolean isProtocolViolation() {
    return protocolViolation;
  }

  /** 08P01 for a protocol violation, 28P01 for bad credentials, as PostgreSQL reports them. */
  public String sqlState() {
    return protocolViolation ? SqlState.PROTOCOL_VIOLATION : SqlState.INVALID_PASSWORD;
  }
}
