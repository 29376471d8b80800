package wiregate.mysql.errors;

import java.util.regex.Pattern;

/**
 * One row of the error table: which PostgreSQL errors it applies to (SQLSTATE, or null for any, and a
 * regular expression found in the message, or null for any) and the MySQL error they become.
 * {@code template} and {@code fallback} contain {@code {placeholders}} (see {@link ErrorFacts}); a
 * fallback of {@value #NEXT_RULE} means that the rule does not apply when a fact is unknown.
 */
public record ErrorRule(String pgSqlState, Pattern match, int errno, String sqlState, String template,
    String fallback) {

  /** The fallback that passes the error on to the next rule when the template lacks a fact. */
  public static final String NEXT_RULE = "next";

  boolean triesNextRule() {
    return NEXT_RULE.equals(fallback);
  }

  boolean appliesTo(String sqlState, String message) {
    return (pgSqlState == null || pgSqlState.equals(sqlState))
        && (match == null || match.matcher(message == null ? "" : message).find());
  }
}
