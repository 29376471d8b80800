package wiregate.mysql.errors;

import java.util.regex.Pattern;

/**
 * One row of the error table: which PostgreSQL errors it applies to (SQLSTATE, or null for any, and a
 * regular expression found in the message, or null for any) and the MySQL error they become.
 * {@code template} and {@code fallback} contain {@code {placeholders}} (see {@link ErrorFacts}).
 */
public record ErrorRule(String pgSqlState, Pattern match, int errno, String sqlState, String template,
    String fallback) {

  boolean appliesTo(String sqlState, String message) {
    return (pgSqlState == null || pgSqlState.equals(sqlState))
        && (match == null || match.matcher(message == null ? "" : message).find());
  }
}
