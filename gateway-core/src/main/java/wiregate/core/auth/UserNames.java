package wiregate.core.auth;

import java.nio.charset.StandardCharsets;

/** The rule every gateway user name follows, wherever the name comes from. */
public final class UserNames {
  /** PostgreSQL truncates identifiers to NAMEDATALEN - 1 bytes; refusing longer names avoids surprises. */
  public static final int MAX_BYTES = 63;

  private UserNames() {}

  /** Returns the name if valid, else throws with a message fit for the person who typed it. */
  public static String requireValid(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("user name must not be empty");
    }
    if (name.codePoints().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("user name must not contain control characters");
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      throw new IllegalArgumentException(
          "user name must be at most " + MAX_BYTES + " bytes in UTF-8, '" + name + "' has " + bytes);
    }
    return name;
  }
}
