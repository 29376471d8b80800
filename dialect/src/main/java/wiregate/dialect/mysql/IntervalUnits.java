package wiregate.dialect.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** MySQL INTERVAL units as PostgreSQL interval text. */
final class IntervalUnits {
  private static final Map<String, List<String>> COMPOUND = Map.ofEntries(
      Map.entry("SECOND_MICROSECOND", List.of("second", "microsecond")),
      Map.entry("MINUTE_MICROSECOND", List.of("minute", "second", "microsecond")),
      Map.entry("MINUTE_SECOND", List.of("minute", "second")),
      Map.entry("HOUR_MICROSECOND", List.of("hour", "minute", "second", "microsecond")),
      Map.entry("HOUR_SECOND", List.of("hour", "minute", "second")),
      Map.entry("HOUR_MINUTE", List.of("hour", "minute")),
      Map.entry("DAY_MICROSECOND", List.of("day", "hour", "minute", "second", "microsecond")),
      Map.entry("DAY_SECOND", List.of("day", "hour", "minute", "second")),
      Map.entry("DAY_MINUTE", List.of("day", "hour", "minute")),
      Map.entry("DAY_HOUR", List.of("day", "hour")),
      Map.entry("YEAR_MONTH", List.of("year", "month")));

  private IntervalUnits() {}

  /** One unit: '1 day', '3 months' for QUARTER. */
  static String one(String unit) {
    return switch (unit) {
      case "QUARTER" -> "3 months";
      default -> "1 " + unit.toLowerCase(java.util.Locale.ROOT);
    };
  }

  /**
   * A compound value such as '1:30' MINUTE_SECOND. MySQL reads the numbers from the right when fewer
   * are given than the unit names, and a leading minus negates the whole interval.
   */
  static String compound(String value, String unit) {
    List<String> names = COMPOUND.get(unit);
    String trimmed = value.trim();
    boolean negative = trimmed.startsWith("-");
    List<String> numbers = new ArrayList<>();
    for (String part : trimmed.split("[^0-9]+")) {
      if (!part.isEmpty()) {
        numbers.add(part);
      }
    }
    StringBuilder out = new StringBuilder();
    int skip = names.size() - numbers.size();
    for (int k = 0; k < numbers.size() && k < names.size(); k++) {
      int nameIndex = Math.max(0, skip) + k;
      if (nameIndex >= names.size()) {
        break;
      }
      out.append(negative ? "-" : "").append(numbers.get(k)).append(' ').append(names.get(nameIndex)).append(' ');
    }
    return out.toString().trim();
  }
}
