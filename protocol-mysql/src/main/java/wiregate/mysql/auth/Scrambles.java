package wiregate.mysql.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** The nonce ("scramble") the server sends, and the hashing both plugins do with it. */
public final class Scrambles {
  public static final int LENGTH = 20;

  private Scrambles() {}

  /**
   * 20 random bytes, each 1..127 and never '$', as MySQL makes them: some clients copy the scramble
   * as a C string, and 7-bit bytes survive any client charset.
   */
  public static byte[] generate(SecureRandom random) {
    byte[] scramble = new byte[LENGTH];
    random.nextBytes(scramble);
    for (int i = 0; i < LENGTH; i++) {
      int b = scramble[i] & 0x7f;
      if (b == 0 || b == '$') {
        b++;
      }
      scramble[i] = (byte) b;
    }
    return scramble;
  }

  static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  /** {@code a XOR b}, repeating {@code b} as often as needed (the RSA exchange's cyclic XOR). */
  static byte[] xorCyclic(byte[] a, byte[] b) {
    byte[] out = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (byte) (a[i] ^ b[i % b.length]);
    }
    return out;
  }
}
