package wiregate.dialect.mysql;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * String literals that only bytes can hold. The protocol decodes statement text so that a byte which
 * is not UTF-8 becomes the lone surrogate U+DC00+byte (MySQL reads literals as bytes: a client may
 * quote binary data for a BLOB column); such a literal, or one with NUL (which PostgreSQL text cannot
 * hold), is written as a bytea literal with the original bytes.
 */
final class BinaryText {
  private BinaryText() {}

  /** Whether the value needs bytea: it holds a raw byte or NUL. */
  static boolean needsBytes(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0 || isRawByte(value, i)) {
        return true;
      }
    }
    return false;
  }

  /** The value's bytes: raw bytes as they came, everything else in UTF-8, as lower-case hex digits. */
  static String hex(String value) {
    StringBuilder hex = new StringBuilder(value.length() * 2);
    for (byte b : bytes(value)) {
      hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return hex.toString();
  }

  static byte[] bytes(String value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
    int from = 0;
    for (int i = 0; i < value.length(); i++) {
      if (isRawByte(value, i)) {
        out.writeBytes(value.substring(from, i).getBytes(StandardCharsets.UTF_8));
        out.write(value.charAt(i) & 0xff);
        from = i + 1;
      }
    }
    out.writeBytes(value.substring(from).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** U+DC80..U+DCFF standing alone (not the low half of a surrogate pair). */
  private static boolean isRawByte(String value, int i) {
    char c = value.charAt(i);
    return c >= 0xDC80 && c <= 0xDCFF && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)));
  }
}
