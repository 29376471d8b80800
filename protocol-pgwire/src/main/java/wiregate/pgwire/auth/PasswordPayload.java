package wiregate.pgwire.auth;

import java.nio.charset.StandardCharsets;
import wiregate.core.auth.AuthenticationFailedException;

/** Reads a PasswordMessage body: one null-terminated string. */
final class PasswordPayload {
  private PasswordPayload() {}

  static String read(byte[] payload) throws AuthenticationFailedException {
    if (payload.length == 0 || payload[payload.length - 1] != 0) {
      throw AuthenticationFailedException.protocolViolation("invalid password packet layout");
    }
    return new String(payload, 0, payload.length - 1, StandardCharsets.UTF_8);
  }
}
