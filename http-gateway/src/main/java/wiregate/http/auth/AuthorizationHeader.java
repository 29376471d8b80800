package wiregate.http.auth;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** Parses an Authorization header value into {@link Credentials} (RFC 7617 Basic, RFC 6750 Bearer). */
public final class AuthorizationHeader {
  private AuthorizationHeader() {}

  /** Thrown when the header is present but unusable; the message says why, without echoing secrets. */
  public static final class Malformed extends Exception {
    public Malformed(String message) {
      super(message, null, false, false);
    }
  }

  public static Credentials parse(String header) throws Malformed {
    String value = header.trim();
    int space = value.indexOf(' ');
    if (space < 0) {
      throw new Malformed("the Authorization header needs a scheme and credentials, e.g. 'Bearer <token>'");
    }
    String scheme = value.substring(0, space).toLowerCase(Locale.ROOT); // schemes are case-insensitive
    String rest = value.substring(space + 1).trim();
    return switch (scheme) {
      case "basic" -> basic(rest);
      case "bearer" -> {
        if (rest.isEmpty() || rest.contains(" ")) {
          throw new Malformed("a Bearer token is one word");
        }
        yield new Credentials.Bearer(rest);
      }
      default -> throw new Malformed("unsupported authentication scheme '" + value.substring(0, space)
          + "'; use Basic or Bearer");
    };
  }

  private static Credentials basic(String encoded) throws Malformed {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new Malformed("Basic credentials are not valid base64");
    }
    String pair;
    try {
      // RFC 7617: we announce charset="UTF-8", so bytes that are not UTF-8 are an error, not mojibake.
      pair = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(decoded)).toString();
    } catch (CharacterCodingException e) {
      throw new Malformed("Basic credentials are not UTF-8");
    }
    int colon = pair.indexOf(':');
    if (colon < 0) {
      throw new Malformed("Basic credentials must be user:password");
    }
    return new Credentials.Basic(pair.substring(0, colon), pair.substring(colon + 1));
  }
}
