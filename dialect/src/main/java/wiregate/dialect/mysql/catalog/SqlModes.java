package wiregate.dialect.mysql.catalog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * sql_mode values as MySQL 8.0 normalises them: upper case, combination modes (ANSI, TRADITIONAL)
 * expanded into their members while keeping their own name, duplicates dropped, and listed in the
 * order of the modes' bit values, which is the order SELECT @@sql_mode shows.
 */
final class SqlModes {
  private SqlModes() {}

  /** Every mode MySQL 8.0 accepts, in bit order. */
  private static final List<String> MODES = List.of(
      "REAL_AS_FLOAT", "PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE", "NOT_USED", "ONLY_FULL_GROUP_BY",
      "NO_UNSIGNED_SUBTRACTION", "NO_DIR_IN_CREATE", "ANSI", "NO_AUTO_VALUE_ON_ZERO",
      "NO_BACKSLASH_ESCAPES", "STRICT_TRANS_TABLES", "STRICT_ALL_TABLES", "NO_ZERO_IN_DATE", "NO_ZERO_DATE",
      "ALLOW_INVALID_DATES", "ERROR_FOR_DIVISION_BY_ZERO", "TRADITIONAL", "HIGH_NOT_PRECEDENCE",
      "NO_ENGINE_SUBSTITUTION", "PAD_CHAR_TO_FULL_LENGTH", "TIME_TRUNCATE_FRACTIONAL");

  private static final List<String> ANSI = List.of(
      "REAL_AS_FLOAT", "PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE", "ONLY_FULL_GROUP_BY");
  private static final List<String> TRADITIONAL = List.of(
      "STRICT_TRANS_TABLES", "STRICT_ALL_TABLES", "NO_ZERO_IN_DATE", "NO_ZERO_DATE",
      "ERROR_FOR_DIVISION_BY_ZERO", "NO_ENGINE_SUBSTITUTION");

  /** The normalised value, or null when a mode is unknown (the caller reports error 1231). */
  static String normalize(String value) {
    Set<String> wanted = new LinkedHashSet<>();
    for (String part : value.split(",", -1)) {
      String mode = part.strip().toUpperCase(Locale.ROOT);
      if (mode.isEmpty()) {
        continue;
      }
      if (!MODES.contains(mode)) {
        return null;
      }
      wanted.add(mode);
      if (mode.equals("ANSI")) {
        wanted.addAll(ANSI);
      } else if (mode.equals("TRADITIONAL")) {
        wanted.addAll(TRADITIONAL);
      }
    }
    return MODES.stream().filter(wanted::contains).collect(Collectors.joining(","));
  }

  /** A numeric sql_mode (bit set) as its mode list, or null when it has unknown bits. */
  static String fromBits(long bits) {
    long known = 0;
    for (int i = 0; i < MODES.size(); i++) {
      known |= bitOf(i);
    }
    if ((bits & ~known) != 0) {
      return null;
    }
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < MODES.size(); i++) {
      long bit = bitOf(i);
      if ((bits & bit) != 0) {
        names.append(names.isEmpty() ? "" : ",").append(MODES.get(i));
      }
    }
    return normalize(names.toString());
  }

  /**
   * MySQL's bit values: 1 << position, except that positions 8..17 once held modes removed in 8.0 (the
   * list above skips them), so ANSI sits at bit 18.
   */
  private static long bitOf(int index) {
    return index < 8 ? 1L << index : 1L << (index + 10);
  }
}
