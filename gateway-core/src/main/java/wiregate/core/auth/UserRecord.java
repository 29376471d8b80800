package wiregate.core.auth;

import java.util.Objects;

/** One gateway user: its name and a verifier per mechanism, never the password. */
public record UserRecord(String name, ScramVerifier scram, Md5Verifier md5) {
  public UserRecord {
    UserNames.requireValid(name);
    Objects.requireNonNull(scram, "scram");
    Objects.requireNonNull(md5, "md5");
  }
}
