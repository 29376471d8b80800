package wiregate.mysql.codec;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The collations the gateway knows, by MySQL id, with the Java charset that encodes their text.
 * Clients name one in the handshake (one byte) and in {@code SET NAMES}; column definitions carry
 * one. The gateway stores everything as UTF-8 in the engine, so only the wire encoding depends on it.
 */
public final class Collations {
  private Collations() {}

  /** One MySQL collation; {@code charsetName} is the MySQL character set it belongs to. */
  public record Collation(int id, String name, String charsetName, Charset javaCharset) {}

  public static final int LATIN1_SWEDISH_CI = 8;
  public static final int ASCII_GENERAL_CI = 11;
  public static final int UTF8MB3_GENERAL_CI = 33;
  public static final int UTF8MB4_GENERAL_CI = 45;
  public static final int UTF8MB4_BIN = 46;
  public static final int BINARY = 63;
  public static final int UTF8MB3_BIN = 83;
  public static final int UTF8MB3_UNICODE_CI = 192;
  public static final int UTF8MB4_UNICODE_CI = 224;
  /** MySQL 8.0's default, announced in the handshake. */
  public static final int UTF8MB4_0900_AI_CI = 255;

  // MySQL's latin1 is really Windows-1252 (it maps 0x80-0x9f to the cp1252 characters).
  private static final Charset LATIN1 = Charset.forName("windows-1252");

  private static final List<Collation> ALL = List.of(
      new Collation(LATIN1_SWEDISH_CI, "latin1_swedish_ci", "latin1", LATIN1),
      new Collation(47, "latin1_bin", "latin1", LATIN1),
      new Collation(ASCII_GENERAL_CI, "ascii_general_ci", "ascii", StandardCharsets.US_ASCII),
      new Collation(65, "ascii_bin", "ascii", StandardCharsets.US_ASCII),
      new Collation(UTF8MB3_GENERAL_CI, "utf8mb3_general_ci", "utf8mb3", StandardCharsets.UTF_8),
      new Collation(UTF8MB3_BIN, "utf8mb3_bin", "utf8mb3", StandardCharsets.UTF_8),
      new Collation(UTF8MB3_UNICODE_CI, "utf8mb3_unicode_ci", "utf8mb3", StandardCharsets.UTF_8),
      new Collation(UTF8MB4_GENERAL_CI, "utf8mb4_general_ci", "utf8mb4", StandardCharsets.UTF_8),
      new Collation(UTF8MB4_BIN, "utf8mb4_bin", "utf8mb4", StandardCharsets.UTF_8),
      new Collation(UTF8MB4_UNICODE_CI, "utf8mb4_unicode_ci", "utf8mb4", StandardCharsets.UTF_8),
      new Collation(UTF8MB4_0900_AI_CI, "utf8mb4_0900_ai_ci", "utf8mb4", StandardCharsets.UTF_8),
      new Collation(309, "utf8mb4_0900_bin", "utf8mb4", StandardCharsets.UTF_8),
      // The bytes are passed through unchanged; ISO-8859-1 maps each byte to one char and back.
      new Collation(BINARY, "binary", "binary", StandardCharsets.ISO_8859_1));

  private static final Map<Integer, Collation> BY_ID =
      ALL.stream().collect(Collectors.toUnmodifiableMap(Collation::id, Function.identity()));
  private static final Map<String, Collation> BY_NAME =
      ALL.stream().collect(Collectors.toUnmodifiableMap(Collation::name, Function.identity()));
  /** Each character set's default collation, as MySQL 8.0 has them. */
  private static final Map<String, Integer> CHARSET_DEFAULTS = Map.of(
      "utf8mb4", UTF8MB4_0900_AI_CI, "utf8mb3", UTF8MB3_GENERAL_CI, "utf8", UTF8MB3_GENERAL_CI,
      "latin1", LATIN1_SWEDISH_CI, "ascii", ASCII_GENERAL_CI, "binary", BINARY);

  public static Optional<Collation> byId(int id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  /** By collation name, case-insensitively; {@code utf8_*} is MySQL's alias of {@code utf8mb3_*}. */
  public static Optional<Collation> byName(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    if (key.startsWith("utf8_")) {
      key = "utf8mb3_" + key.substring("utf8_".length());
    }
    return Optional.ofNullable(BY_NAME.get(key));
  }

  /** A character set's default collation ({@code SET NAMES utf8mb4} without COLLATE). */
  public static Optional<Collation> defaultFor(String charsetName) {
    Integer id = CHARSET_DEFAULTS.get(charsetName.toLowerCase(Locale.ROOT));
    return id == null ? Optional.empty() : byId(id);
  }

  /** The charset to decode a client's text with; unknown ids fall back to UTF-8, as most are. */
  public static Charset charsetOf(int id) {
    return byId(id).map(Collation::javaCharset).orElse(StandardCharsets.UTF_8);
  }
}
