package wiregate.core.auth;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import com.ongres.scram.common.StringPreparation;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SCRAM-SHA-256 verifier in PostgreSQL's text form,
 * {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>} (base64 values).
 * It checks a client's proof, and lets the server prove itself, without knowing the password.
 * The arrays are copied in and out, so an instance is immutable.
 */
public record ScramVerifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
  static final ScramMechanism MECHANISM = ScramMechanism.SCRAM_SHA_256;
  /** PostgreSQL's salt length for new verifiers. */
  public static final int SALT_LENGTH = 16;
  static final int KEY_LENGTH = 32;

  private static final Pattern TEXT_FORM =
      Pattern.compile("SCRAM-SHA-256\\$(\\d{1,10}):([^$:]+)\\$([^$:]+):([^$:]+)");

  public ScramVerifier {
    if (iterations < 1) {
      throw new IllegalArgumentException("iteration count must be positive, got " + iterations);
    }
    if (salt.length == 0) {
      throw new IllegalArgumentException("salt must not be empty");
    }
    if (storedKey.length != KEY_LENGTH || serverKey.length != KEY_LENGTH) {
      throw new IllegalArgumentException("StoredKey and ServerKey must be " + KEY_LENGTH + " bytes");
    }
    salt = salt.clone();
    storedKey = storedKey.clone();
    serverKey = serverKey.clone();
  }

  /** Parses PostgreSQL's text form; the message says what is wrong but never echoes the keys. */
  public static ScramVerifier parse(String text) {
    Matcher m = TEXT_FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>");
    }
    int iterations;
    try {
      iterations = Integer.parseInt(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("iteration count is out of range");
    }
    return new ScramVerifier(iterations, decode(m.group(2), "salt"), decode(m.group(3), "StoredKey"),
        decode(m.group(4), "ServerKey"));
  }

  /** A new verifier with a fresh random salt. */
  public static ScramVerifier create(String password, int iterations, SecureRandom random) {
    return derive(password, ScramFunctions.salt(SALT_LENGTH, random), iterations);
  }

  /**
   * The verifier for a password with a given salt. The password is SASLprepped the way PostgreSQL
   * does it: a password SASLprep rejects is used as it is rather than refused, as libpq does too.
   *
   * @throws IllegalArgumentException if the password is empty, before or after SASLprep
   */
  public static ScramVerifier derive(String password, byte[] salt, int iterations) {
    byte[] saltedPassword = ScramFunctions.saltedPassword(MECHANISM,
        StringPreparation.POSTGRESQL_PREPARATION, password.toCharArray(), salt, iterations);
    byte[] clientKey = ScramFunctions.clientKey(MECHANISM, saltedPassword);
    return new ScramVerifier(iterations, salt, ScramFunctions.storedKey(MECHANISM, clientKey),
        ScramFunctions.serverKey(MECHANISM, saltedPassword));
  }

  /** For protocols that send the password itself: recomputes StoredKey and compares. */
  public boolean matchesPassword(String password) {
    if (password == null || password.isEmpty()) {
      return false;
    }
    byte[] candidate;
    try {
      candidate = derive(password, salt, iterations).storedKey;
    } catch (IllegalArgumentException e) {
      return false; // empty after SASLprep: no verifier can have been made from it
    }
    return MessageDigest.isEqual(candidate, storedKey); // constant time
  }

  /** PostgreSQL's text form, as stored in pg_authid.rolpassword and in the users file. */
  public String text() {
    Base64.Encoder b64 = Base64.getEncoder();
    return "SCRAM-SHA-256$" + iterations + ":" + b64.encodeToString(salt) + "$"
        + b64.encodeToString(storedKey) + ":" + b64.encodeToString(serverKey);
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public byte[] storedKey() {
    return storedKey.clone();
  }

  @Override
  public byte[] serverKey() {
    return serverKey.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ScramVerifier v && iterations == v.iterations
        && Arrays.equals(salt, v.salt) && Arrays.equals(storedKey, v.storedKey)
        && Arrays.equals(serverKey, v.serverKey);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(storedKey) + iterations;
  }

  /** Keeps the keys out of logs: a leaked ServerKey lets its holder impersonate the gateway. */
  @Override
  public String toString() {
    return "ScramVerifier[SCRAM-SHA-256, iterations=" + iterations + "]";
  }

  private static byte[] decode(String base64, String what) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is not valid base64");
    }
  }
}
