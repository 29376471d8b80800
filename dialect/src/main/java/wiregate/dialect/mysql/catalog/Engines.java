package wiregate.dialect.mysql.catalog;

import java.util.List;

/**
 * SHOW ENGINES / information_schema.engines. Every table lives in PostgreSQL, which is transactional
 * with savepoints like InnoDB, so InnoDB is the one engine there is; ENGINE= clauses are accepted
 * and ignored.
 */
final class Engines {
  private Engines() {}

  static final List<String> COLUMNS = List.of("Engine", "Support", "Comment", "Transactions", "XA", "Savepoints");

  static final List<List<String>> ROWS = List.of(
      List.of("InnoDB", "DEFAULT", "Supports transactions, row-level locking, and foreign keys", "YES", "NO", "YES"));
}
