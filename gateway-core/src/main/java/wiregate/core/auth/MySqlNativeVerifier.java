package wiregate.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What MySQL's {@code mysql_native_password} plugin needs to check a client: SHA1(SHA1(password)),
 * in MySQL's own text form ({@code *} and 40 uppercase hex digits, as in
 * {@code mysql.user.authentication_string}). Like a password, it must stay secret: a client that
 * knows it can answer the native challenge without the password ("pass the hash"), which is why
 * users can only get one from {@code gw user add}, never from a client.
 */
public record MySqlNativeVerifier(byte[] doubleSha1) {
  private static final Pattern TEXT_FORM = Pattern.compile("\\*[0-9A-F]{40}");
  private static final int SHA1_LENGTH = 20;

  public MySqlNativeVerifier {
    if (doubleSha1.length != SHA1_LENGTH) {
      throw new IllegalArgumentException("expected a " + SHA1_LENGTH + "-byte SHA-1 hash");
    }
    doubleSha1 = doubleSha1.clone();
  }

  public static MySqlNativeVerifier create(String password) {
    return new MySqlNativeVerifier(sha1(sha1(password.getBytes(StandardCharsets.UTF_8))));
  }

  /** Parses {@code *<40 hex digits>}; the message never echoes the hash. */
  public static MySqlNativeVerifier parse(String text) {
    if (!TEXT_FORM.matcher(text).matches()) {
      throw new IllegalArgumentException("expected * followed by 40 uppercase hex digits");
    }
    return new MySqlNativeVerifier(HexFormat.of().parseHex(text, 1, text.length()));
  }

  public String text() {
    return "*" + HexFormat.of().withUpperCase().formatHex(doubleSha1);
  }

  /**
   * Checks the client's answer to the 20-byte challenge {@code scramble}: the client sends
   * {@code SHA1(pw) XOR SHA1(scramble || SHA1(SHA1(pw)))}. XOR-ing with the second term gives back
   * SHA1(pw), whose SHA1 must be the stored hash.
   */
  public boolean verifyScramble(byte[] scramble, byte[] clientResponse) {
    if (clientResponse == null || clientResponse.length != SHA1_LENGTH) {
      return false;
    }
    byte[] mask = sha1(concat(scramble, doubleSha1));
    byte[] candidate = new byte[SHA1_LENGTH];
    for (int i = 0; i < SHA1_LENGTH; i++) {
      candidate[i] = (byte) (clientResponse[i] ^ mask[i]);
    }
    return MessageDigest.isEqual(sha1(candidate), doubleSha1); // constant time
  }

  @Override
  public byte[] doubleSha1() {
    return doubleSha1.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MySqlNativeVerifier v && Arrays.equals(doubleSha1, v.doubleSha1);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(doubleSha1);
  }

  /** Keeps the hash out of logs: it is all a native client needs to log in. */
  @Override
  public String toString() {
    return "MySqlNativeVerifier[...]";
  }

  static byte[] sha1(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-1", e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
