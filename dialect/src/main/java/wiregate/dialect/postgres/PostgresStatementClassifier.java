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

  private static final java.util.regex.Pattern COPY_WITH_CLIENT = java.util.regex.Pattern.compile(
      "\\b(from\\s+stdin|to\\s+stdout)\\b", java.util.regex.Pattern.CASE_INSENSITIVE);

  private PostgresStatementClassifier() {}

  public static StatementKind classify(String statement) {
    String first = PostgresKeywords.firstWord(statement);
    if (QUERY_WORDS.contains(first)) {
      return StatementKind.QUERY;
    }
    if (first.equals("COPY") && COPY_WITH_CLIENT.matcher(statement).find()) {
      return StatementKind.COPY_WITH_CLIENT;
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
