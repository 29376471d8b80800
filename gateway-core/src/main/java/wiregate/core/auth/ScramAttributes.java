package wiregate.core.auth;

import java.util.Base64;

/** Shared checks for the {@code x=value} attributes of SCRAM messages (RFC 5802 section 7). */
final class ScramAttributes {
  private ScramAttributes() {}

  /** The value of {@code attribute}, which must be the {@code name=} attribute. */
  static String value(String attribute, char name, String what) throws AuthenticationFailedException {
    if (attribute.length() < 2 || attribute.charAt(0) != name || attribute.charAt(1) != '=') {
      throw malformed("expected " + what + " (" + name + "=)");
    }
    return attribute.substring(2);
  }

  /** Extensions we do not know are allowed and ignored, but must still look like attributes. */
  static void requireExtension(String attribute) throws AuthenticationFailedException {
    if (attribute.length() < 2 || !isAsciiLetter(attribute.charAt(0)) || attribute.charAt(1) != '=') {
      throw malformed("expected an attribute, got something else");
    }
  }

  static byte[] base64(String value, String what) throws AuthenticationFailedException {
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw malformed(what + " is not valid base64");
    }
  }

  /** RFC 5802 "printable": visible ASCII except ','. */
  static boolean isPrintable(String value) {
    return value.chars().allMatch(c -> c >= 0x21 && c <= 0x7e && c != ',');
  }

  static AuthenticationFailedException malformed(String problem) {
    return AuthenticationFailedException.protocolViolation("malformed SCRAM message: " + problem);
  }

  private static boolean isAsciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }
}
