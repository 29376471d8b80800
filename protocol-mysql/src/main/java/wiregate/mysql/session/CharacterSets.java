package wiregate.mysql.session;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** MySQL character set names the gateway can speak, with the Java charset and default collation id. */
final class CharacterSets {
  record CharacterSet(Charset charset, int collation) {}

  private CharacterSets() {}

  static Optional<CharacterSet> forName(String mysqlName) {
    if (mysqlName == null) {
      return Optional.empty();
    }
    return switch (mysqlName.trim().toLowerCase(Locale.ROOT)) {
      case "utf8mb4" -> Optional.of(new CharacterSet(StandardCharsets.UTF_8, 255));
      case "utf8", "utf8mb3" -> Optional.of(new CharacterSet(StandardCharsets.UTF_8, 33));
      // MySQL's latin1 is Windows-1252.
      case "latin1" -> Optional.of(new CharacterSet(Charset.forName("windows-1252"), 8));
      case "ascii" -> Optional.of(new CharacterSet(StandardCharsets.US_ASCII, 11));
      case "binary" -> Optional.of(new CharacterSet(StandardCharsets.UTF_8, 63));
      default -> Optional.empty();
    };
  }
}
