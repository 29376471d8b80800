package wiregate.async;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Query ids: 128 random bits in lower-case base32 (26 characters). Unguessable, so knowing an id
 * grants nothing, and safe in file names, object keys and URLs.
 */
public final class QueryIds {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final Pattern FORM = Pattern.compile("[a-z2-7]{26}");

  private final SecureRandom random;

  public QueryIds(SecureRandom random) {
    this.random = random;
  }

  public String next() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    StringBuilder id = new StringBuilder(26);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        id.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    id.append(ALPHABET[(buffer << (5 - bits)) & 31]);
    return id.toString();
  }

  /** Whether {@code id} could be one of ours; anything else is not looked up at all. */
  public static boolean isWellFormed(String id) {
    return id != null && FORM.matcher(id).matches();
  }
}
