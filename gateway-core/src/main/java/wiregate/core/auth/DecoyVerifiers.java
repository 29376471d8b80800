package wiregate.core.auth;

import com.ongres.scram.common.ScramFunctions;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Stand-in SCRAM verifiers for user names that do not exist, so an exchange for an unknown user
 * looks like one for a real user with a wrong password. Everything is derived from a secret and the
 * name: a repeated probe of one name sees the same salt, as it would for a real user, yet nobody
 * without the secret can predict it. Keep the secret across restarts (as PostgreSQL keeps its
 * mock nonce in pg_control) or unknown users' salts change when the gateway restarts.
 */
public final class DecoyVerifiers {
  private static final int SECRET_LENGTH = 32;

  private final byte[] secret;
  private final int iterations;

  /** @param iterations the count real users get, so a decoy's server-first does not stand out */
  public DecoyVerifiers(byte[] secret, int iterations) {
    if (secret.length < SECRET_LENGTH) {
      throw new IllegalArgumentException("decoy secret must be at least " + SECRET_LENGTH + " bytes");
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("iteration count must be positive, got " + iterations);
    }
    this.secret = secret.clone();
    this.iterations = iterations;
  }

  /**
   * Decoys whose secret lives in {@code file} (created with 32 random bytes, owner-only, on first
   * use), so unknown users' salts stay the same across restarts.
   */
  public static DecoyVerifiers fromSecretFile(java.nio.file.Path file, SecureRandom random, int iterations)
      throws java.io.IOException {
    if (!java.nio.file.Files.exists(file)) {
      byte[] fresh = new byte[SECRET_LENGTH];
      random.nextBytes(fresh);
      java.nio.file.Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      java.nio.file.Files.deleteIfExists(tmp);
      java.nio.file.Files.createFile(tmp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      java.nio.file.Files.write(tmp, fresh);
      java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    return new DecoyVerifiers(java.nio.file.Files.readAllBytes(file), iterations);
  }

  /** Decoys with a fresh secret, stable for this process only. */
  public static DecoyVerifiers withRandomSecret(SecureRandom random, int iterations) {
    byte[] secret = new byte[SECRET_LENGTH];
    random.nextBytes(secret);
    return new DecoyVerifiers(secret, iterations);
  }

  public ScramVerifier forUser(String userName) {
    byte[] salt = Arrays.copyOf(derive("salt", userName), ScramVerifier.SALT_LENGTH);
    return new ScramVerifier(iterations, salt, derive("stored-key", userName),
        derive("server-key", userName));
  }

  /** A MySQL native verifier for a name that does not exist, stable like the SCRAM decoy. */
  public MySqlNativeVerifier mysqlNativeForUser(String userName) {
    return new MySqlNativeVerifier(Arrays.copyOf(derive("mysql-native", userName), 20));
  }

  private byte[] derive(String purpose, String userName) {
    byte[] message = (purpose + '\0' + userName).getBytes(StandardCharsets.UTF_8);
    return ScramFunctions.hmac(ScramVerifier.MECHANISM, secret, message);
  }
}
