package wiregate.engine.postgres;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.core.model.SqlState;

/**
 * The engine link (pgjdbc) drops the connection when DateStyle leaves ISO. Refusing such a change
 * up front keeps the client's session alive with a clear error instead.
 */
final class DateStyleGuard {
  private static final Pattern SET_DATESTYLE = Pattern.compile(
      "^\\s*set\\s+(?:session\\s+|local\\s+)?datestyle\\s*(?:=|\\s+to\\s+)(.*)$",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private DateStyleGuard() {}

  static void checkStatement(String sql) throws GatewayException {
    if (sql.length() < 3 || Character.toLowerCase(sql.charAt(0)) != 's') {
      return;
    }
    Matcher m = SET_DATESTYLE.matcher(sql);
    if (m.find()) {
      checkValue(m.group(1));
    }
  }

  static void checkValue(String value) throws GatewayException {
    String v = value.toUpperCase(Locale.ROOT);
    if (!v.contains("ISO") && !v.contains("DEFAULT")) {
      throw new GatewayException(GatewayError.error(SqlState.FEATURE_NOT_SUPPORTED,
          "DateStyle " + value.strip() + " is not supported by this gateway")
          .withHint("The gateway keeps DateStyle ISO (with MDY, DMY or YMD order); format dates with to_char()."));
    }
  }
}
