package wiregate.core.mysql;

import java.util.Optional;

/**
 * What translation may ask of the session it translates for. Implemented by the MySQL protocol
 * session; translation code never reaches the engine any other way.
 */
public interface MySqlContext {
  /** The current database (a PostgreSQL schema), or null when none is selected. */
  String database();

  /** A system variable as {@code SELECT @@name} would show it in this session, if known. */
  Optional<String> systemVariable(VariableAssignment.Scope scope, String name);

  /** A user variable's value as text (empty: never set, which reads as NULL). */
  Optional<UserVariable> userVariable(String name);

  /** The MySQL user the client authenticated as (USER(), CURRENT_USER()), or null if unknown. */
  default String user() {
    return null;
  }

  /** LAST_INSERT_ID() in this session. */
  long lastInsertId();

  /** ROW_COUNT(): the previous statement's affected rows; -1 after a result set. */
  default long rowCount() {
    return -1;
  }

  /** FOUND_ROWS(): the rows the previous result set had (without its LIMIT after SQL_CALC_FOUND_ROWS). */
  default long foundRows() {
    return 0;
  }

  /**
   * Runs a small catalog query on the engine in this session (e.g. to learn a table's keys for an
   * upsert, or to print SHOW CREATE TABLE) and returns its rows as text (null = NULL). Translation
   * caches what it learns; callers keep these queries few and small.
   */
  java.util.List<java.util.List<String>> query(String pgSql) throws wiregate.core.model.GatewayException;

  /** A user variable's value: its text (null = NULL) and the PostgreSQL type to cast it to. */
  record UserVariable(String text, String pgType) {}
}
