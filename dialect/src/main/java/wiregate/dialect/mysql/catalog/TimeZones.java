package wiregate.dialect.mysql.catalog;

import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL time_zone values: {@code SYSTEM}, an offset {@code [+-]H[H]:MM} between -13:59 and +14:00,
 * or a named zone (MySQL needs its zone tables for names; the engine knows the IANA names, so the
 * gateway accepts any name Java knows).
 */
final class TimeZones {
  private TimeZones() {}

  private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{1,2}):(\\d{2})");

  /** The value as MySQL stores it (offsets normalised to {@code +HH:MM}), or empty when invalid. */
  static Optional<String> normalize(String value) {
    if (value.equalsIgnoreCase("SYSTEM")) {
      return Optional.of("SYSTEM");
    }
    Matcher m = OFFSET.matcher(value);
    if (m.matches()) {
      int hours = Integer.parseInt(m.group(2));
      int minutes = Integer.parseInt(m.group(3));
      int total = (hours * 60 + minutes) * (m.group(1).equals("-") ? -1 : 1);
      if (minutes > 59 || total < -(13 * 60 + 59) || total > 14 * 60) {
        return Optional.empty();
      }
      return Optional.of(String.format("%s%02d:%02d", total < 0 ? "-" : "+", hours, minutes));
    }
    try {
      return Optional.of(ZoneId.of(value).getId());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The PostgreSQL statement that gives the engine session the same zone. Offsets use the interval
   * form: PostgreSQL reads a bare '+05:30' as a POSIX zone with the sign inverted.
   */
  static String engineStatement(String normalized, String systemTimeZone) {
    if (normalized.equals("SYSTEM")) {
      return "SET TIME ZONE " + SqlText.literal(systemTimeZone);
    }
    if (OFFSET.matcher(normalized).matches()) {
      return "SET TIME ZONE INTERVAL " + SqlText.literal(normalized) + " HOUR TO MINUTE";
    }
    return "SET TIME ZONE " + SqlText.literal(normalized);
  }
}
