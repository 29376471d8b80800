package wiregate.dialect.mysql.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The character sets and collations the gateway admits to (SHOW CHARACTER SET, SHOW COLLATION,
 * information_schema.character_sets / collations, SET NAMES validation). Data lives here once; the
 * information_schema views are generated from it. Every string is stored by the engine in UTF-8 either
 * way: a client's character set only decides how the protocol encodes text on the wire.
 */
public final class CharacterSets {
  private CharacterSets() {}

  /** A MySQL character set: name, description, default collation, bytes per character, Java charset. */
  public record CharacterSet(String name, String description, String defaultCollation, int maxLength,
      String javaCharset) {}

  /** A MySQL collation as SHOW COLLATION prints it. */
  public record Collation(String name, String charset, int id, boolean isDefault, int sortLength,
      String padAttribute) {}

  public static final List<CharacterSet> CHARACTER_SETS = List.of(
      new CharacterSet("ascii", "US ASCII", "ascii_general_ci", 1, "US-ASCII"),
      new CharacterSet("binary", "Binary pseudo charset", "binary", 1, "ISO-8859-1"),
      new CharacterSet("latin1", "cp1252 West European", "latin1_swedish_ci", 1, "windows-1252"),
      new CharacterSet("ucs2", "UCS-2 Unicode", "ucs2_general_ci", 2, "UTF-16BE"),
      new CharacterSet("utf16", "UTF-16 Unicode", "utf16_general_ci", 4, "UTF-16BE"),
      new CharacterSet("utf32", "UTF-32 Unicode", "utf32_general_ci", 4, "UTF-32BE"),
      new CharacterSet("utf8mb3", "UTF-8 Unicode", "utf8mb3_general_ci", 3, "UTF-8"),
      new CharacterSet("utf8mb4", "UTF-8 Unicode", "utf8mb4_0900_ai_ci", 4, "UTF-8"));

  public static final List<Collation> COLLATIONS = List.of(
      new Collation("ascii_bin", "ascii", 65, false, 1, "PAD SPACE"),
      new Collation("ascii_general_ci", "ascii", 11, true, 1, "PAD SPACE"),
      new Collation("binary", "binary", 63, true, 1, "NO PAD"),
      new Collation("latin1_bin", "latin1", 47, false, 1, "PAD SPACE"),
      new Collation("latin1_general_ci", "latin1", 48, false, 1, "PAD SPACE"),
      new Collation("latin1_general_cs", "latin1", 49, false, 1, "PAD SPACE"),
      new Collation("latin1_swedish_ci", "latin1", 8, true, 1, "PAD SPACE"),
      new Collation("ucs2_bin", "ucs2", 90, false, 1, "PAD SPACE"),
      new Collation("ucs2_general_ci", "ucs2", 35, true, 1, "PAD SPACE"),
      new Collation("utf16_bin", "utf16", 55, false, 1, "PAD SPACE"),
      new Collation("utf16_general_ci", "utf16", 54, true, 1, "PAD SPACE"),
      new Collation("utf32_bin", "utf32", 61, false, 1, "PAD SPACE"),
      new Collation("utf32_general_ci", "utf32", 60, true, 1, "PAD SPACE"),
      new Collation("utf8mb3_bin", "utf8mb3", 83, false, 1, "PAD SPACE"),
      new Collation("utf8mb3_general_ci", "utf8mb3", 33, true, 1, "PAD SPACE"),
      new Collation("utf8mb3_unicode_ci", "utf8mb3", 192, false, 8, "PAD SPACE"),
      new Collation("utf8mb4_0900_ai_ci", "utf8mb4", 255, true, 0, "NO PAD"),
      new Collation("utf8mb4_0900_as_ci", "utf8mb4", 305, false, 0, "NO PAD"),
      new Collation("utf8mb4_0900_as_cs", "utf8mb4", 278, false, 0, "NO PAD"),
      new Collation("utf8mb4_0900_bin", "utf8mb4", 309, false, 1, "NO PAD"),
      new Collation("utf8mb4_bin", "utf8mb4", 46, false, 1, "PAD SPACE"),
      new Collation("utf8mb4_general_ci", "utf8mb4", 45, false, 1, "PAD SPACE"),
      new Collation("utf8mb4_unicode_520_ci", "utf8mb4", 246, false, 8, "PAD SPACE"),
      new Collation("utf8mb4_unicode_ci", "utf8mb4", 224, false, 8, "PAD SPACE"));

  /** A character set by name; {@code utf8} is MySQL 8.0's alias of utf8mb3. */
  public static Optional<CharacterSet> characterSet(String name) {
    String wanted = canonicalCharsetName(name);
    return CHARACTER_SETS.stream().filter(c -> c.name().equals(wanted)).findFirst();
  }

  /** A collation by name; {@code utf8_*} names mean {@code utf8mb3_*}. */
  public static Optional<Collation> collation(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    if (wanted.startsWith("utf8_")) {
      wanted = "utf8mb3_" + wanted.substring("utf8_".length());
    }
    String finalWanted = wanted;
    return COLLATIONS.stream().filter(c -> c.name().equals(finalWanted)).findFirst();
  }

  /** A collation by the id a handshake response or column definition carries. */
  public static Optional<Collation> collation(int id) {
    return COLLATIONS.stream().filter(c -> c.id() == id).findFirst();
  }

  static String canonicalCharsetName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.equals("utf8") ? "utf8mb3" : lower;
  }
}
