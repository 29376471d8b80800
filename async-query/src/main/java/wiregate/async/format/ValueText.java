package wiregate.async.format;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * The text form of a value where a format has no type of its own (CSV fields, JSON strings):
 * ISO-8601 dates and times (seconds always shown, fractions only when present), plain decimals
 * without exponent, base64 for binary data.
 */
final class ValueText {
  private ValueText() {}

  static String of(Object value) {
    return switch (value) {
      case BigDecimal d -> d.toPlainString();
      case LocalDate d -> DateTimeFormatter.ISO_LOCAL_DATE.format(d);
      case LocalDateTime t -> DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
      case OffsetDateTime t -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
      case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
      default -> value.toString();
    };
  }
}
