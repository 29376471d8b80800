package wiregate.pgwire.auth;

import io.netty.buffer.ByteBuf;
import java.security.SecureRandom;
import java.util.Optional;
import wiregate.core.auth.AuthenticationFailedException;
import wiregate.core.auth.UserRecord;
import wiregate.pgwire.codec.BackendMessages;

/** AuthenticationMD5Password: md5(md5(password + user) + salt), checked against the md5 verifier. */
final class Md5Exchange implements AuthExchange {
  private final String userName;
  private final Optional<UserRecord> user;
  private final byte[] salt = new byte[4];

  Md5Exchange(String userName, Optional<UserRecord> user, SecureRandom random) {
    this.userName = userName;
    this.user = user;
    random.nextBytes(salt);
  }

  @Override
  public void start(ByteBuf out) {
    BackendMessages.authenticationMd5Password(out, salt);
  }

  @Override
  public boolean respond(byte[] payload, ByteBuf out) throws AuthenticationFailedException {
    String response = PasswordPayload.read(payload);
    boolean ok = user.map(u -> u.md5().verifyResponse(response, salt)).orElse(false);
    if (!ok) {
      throw AuthenticationFailedException.invalidPassword("md5 response does not match for user " + userName);
    }
    return true;
  }
}
