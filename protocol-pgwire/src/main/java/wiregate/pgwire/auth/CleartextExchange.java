package wiregate.pgwire.auth;

import io.netty.buffer.ByteBuf;
import wiregate.core.auth.AuthenticationFailedException;
import wiregate.core.auth.CleartextPasswordCheck;
import wiregate.pgwire.codec.BackendMessages;

/** AuthenticationCleartextPassword: the password itself, checked against the stored verifier. */
final class CleartextExchange implements AuthExchange {
  private final String userName;
  private final CleartextPasswordCheck check;

  CleartextExchange(String userName, CleartextPasswordCheck check) {
    this.userName = userName;
    this.check = check;
  }

  @Override
  public void start(ByteBuf out) {
    BackendMessages.authenticationCleartextPassword(out);
  }

  @Override
  public boolean respond(byte[] payload, ByteBuf out) throws AuthenticationFailedException {
    check.verify(userName, PasswordPayload.read(payload));
    return true;
  }
}
