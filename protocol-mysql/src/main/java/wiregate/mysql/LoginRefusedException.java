package wiregate.mysql;

import wiregate.mysql.codec.ErrPacket;

/**
 * The command phase refuses a client that authenticated (e.g. its database does not exist: 1049
 * "Unknown database"). The client gets this ERR instead of OK, and the connection closes.
 */
public final class LoginRefusedException extends Exception {
  private final ErrPacket error;

  public LoginRefusedException(ErrPacket error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  public ErrPacket error() {
    return error;
  }
}
