package wiregate.core.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * One gateway user: its name and a verifier per mechanism, never the password. {@code mysqlNative}
 * is null for users stored before the MySQL protocol existed: they cannot use
 * {@code mysql_native_password} until {@code gw user add} runs for them again.
 */
public record UserRecord(String name, ScramVerifier scram, Md5Verifier md5, MySqlNativeVerifier mysqlNative) {
  public UserRecord {
    UserNames.requireValid(name);
    Objects.requireNonNull(scram, "scram");
    Objects.requireNonNull(md5, "md5");
  }

  /** A user without a MySQL native verifier. */
  public UserRecord(String name, ScramVerifier scram, Md5Verifier md5) {
    this(name, scram, md5, null);
  }

  public Optional<MySqlNativeVerifier> mysqlNativeVerifier() {
    return Optional.ofNullable(mysqlNative);
  }
}
