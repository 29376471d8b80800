package wiregate.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * PostgreSQL's legacy md5 verifier: {@code "md5" + md5hex(password + username)}. The user name is
 * the salt, so the verifier only works for the name it was made for.
 */
public record Md5Verifier(String text) {
  private static final Pattern TEXT_FORM = Pattern.compile("md5[0-9a-f]{32}");
  private static final String PREFIX = "md5";
  private static final int SALT_LENGTH = 4;

  public Md5Verifier {
    if (!TEXT_FORM.matcher(text).matches()) {
      throw new IllegalArgumentException("expected md5 followed by 32 lowercase hex digits");
    }
  }

  public static Md5Verifier create(String userName, String password) {
    return new Md5Verifier(PREFIX + md5Hex(utf8(password + userName)));
  }

  /**
   * Checks the client's answer to AuthenticationMD5Password, which is
   * {@code "md5" + md5hex(md5hex(password + user) + salt)}: the verifier's hex digits hashed again
   * with the 4-byte salt the server sent.
   */
  public boolean verifyResponse(String clientResponse, byte[] salt4) {
    if (salt4.length != SALT_LENGTH) {
      throw new IllegalArgumentException("the md5 salt is " + SALT_LENGTH + " bytes, got " + salt4.length);
    }
    if (clientResponse == null) {
      return false;
    }
    byte[] hex = utf8(text.substring(PREFIX.length()));
    byte[] salted = new byte[hex.length + SALT_LENGTH];
    System.arraycopy(hex, 0, salted, 0, hex.length);
    System.arraycopy(salt4, 0, salted, hex.length, SALT_LENGTH);
    byte[] expected = utf8(PREFIX + md5Hex(salted));
    return MessageDigest.isEqual(expected, utf8(clientResponse)); // constant time
  }

  /** Keeps the hash out of logs: it is all an md5 client needs to log in ("pass the hash"). */
  @Override
  public String toString() {
    return "Md5Verifier[...]";
  }

  private static String md5Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide MD5", e);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
