package wiregate.dialect.postgres;

import java.util.Set;
import wiregate.core.model.StatementKind;

/**
 * Tells the engine adapter how to run a statement. Only row-returning statements that are safe in a
 * transaction block are QUERY, because the adapter streams those through a cursor, which needs one.
 */
public final class PostgresStatementClassifier {
  private static final Set<String> QUERY_WORDS = Set.of("SELECT", "WITH", "VALUES", "TABLE", "(", "SHOW",
      "FETCH");
  private static final Set<String> TRANSACTION_WORDS = Set.of("BEGIN", "START", "COMMIT", "END", "ROLLBACK",
      "ABORT");

  private static final java.util.regex.Pattern COPY_FROM_CLIENT = java.util.regex.Pattern.compile(
      "\\bfrom\\s+stdin\\b", java.util.regex.Pattern.CASE_INSENSITIVE);
  private static final java.util.regex.Pattern COPY_TO_CLIENT = java.util.regex.Pattern.compile(
      "\\bto\\s+stdout\\b", java.util.regex.Pattern.CASE_INSENSITIVE);

  private PostgresStatementClassifier() {}

  public static StatementKind classify(String statement) {
    String first = PostgresKeywords.firstWord(statement);
    if (QUERY_WORDS.contains(first)) {
      return StatementKind.QUERY;
    }
    if (first.equals("COPY")) {
      if (COPY_FROM_CLIENT.matcher(statement).find()) {
        return StatementKind.COPY_FROM_CLIENT;
      }
      if (COPY_TO_CLIENT.matcher(statement).find()) {
        return StatementKind.COPY_TO_CLIENT;
      }
    }
    if (TRANSACTION_WORDS.contains(first) || isTwoPhase(statement, first)) {
      return StatementKind.TRANSACTION_CONTROL;
    }
    return StatementKind.OTHER;
  }

  private static boolean isTwoPhase(String statement, String first) {
    String second = PostgresKeywords.word(statement, 1);
    return (first.equals("PREPARE") && second.equals("TRANSACTION"))
        || ((first.equals("COMMIT") || first.equals("ROLLBACK")) && second.equals("PREPARED"));
  }
}
