package wiregate.core.auth;

import java.util.Optional;

/**
 * Checks a password a client sent in the clear (PostgreSQL's "password" method, and protocols that
 * have nothing better) against the user's SCRAM verifier.
 */
public final class CleartextPasswordCheck {
  private final UserStore users;
  private final DecoyVerifiers decoys;

  public CleartextPasswordCheck(UserStore users, DecoyVerifiers decoys) {
    this.users = users;
    this.decoys = decoys;
  }

  /**
   * Returns normally when the password is right, else throws a 28P01 failure. An unknown user costs
   * the same key derivation as a known one, so response time does not tell which names exist.
   */
  public void verify(String userName, String password) throws AuthenticationFailedException {
    Optional<UserRecord> user = users.find(userName);
    ScramVerifier verifier = user.map(UserRecord::scram).orElseGet(() -> decoys.forUser(userName));
    boolean matches = verifier.matchesPassword(password);
    if (user.isEmpty()) {
      throw AuthenticationFailedException.invalidPassword("user \"" + userName + "\" does not exist");
    }
    if (!matches) {
      throw AuthenticationFailedException.invalidPassword(
          "password does not match for user \"" + userName + "\"");
    }
  }
}
