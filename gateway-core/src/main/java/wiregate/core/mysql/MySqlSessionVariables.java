package wiregate.core.mysql;

import java.util.Optional;
import wiregate.core.model.GatewayException;

/**
 * One MySQL session's system variables (@@name), as the dialect emulates them. The protocol session
 * owns one per connection and forwards the changes that matter to the engine (autocommit,
 * time_zone, isolation, character sets).
 */
public interface MySqlSessionVariables {
  /** The value {@code SELECT @@scope.name} shows, if the variable exists. */
  Optional<String> get(VariableAssignment.Scope scope, String name);

  /**
   * Validates and stores a value; {@code null} is SQL NULL (character_set_results takes it).
   *
   * @return the value as it now reads (e.g. {@code ON} for 1 on a boolean variable), and the
   *     PostgreSQL statement that gives the engine session the same behaviour, if there is one
   * @throws GatewayException with MySQL's error for unknown, read-only or badly set variables
   */
  Assigned set(VariableAssignment.Scope scope, String name, String value) throws GatewayException;

  /** SET x = DEFAULT: as {@link #set}, with the value a new session (or the server, for GLOBAL) starts with. */
  Assigned setDefault(VariableAssignment.Scope scope, String name) throws GatewayException;

  /** Statements that put a fresh engine session in line with the defaults (time zone, timeouts). */
  java.util.List<String> initialEngineStatements();

  /** What a SET did: the value as it now reads and the engine statement to run (session scope only). */
  record Assigned(String value, Optional<String> engineStatement) {}

  /** Back to the defaults (COM_RESET_CONNECTION, COM_CHANGE_USER). */
  void reset();

  /**
   * Session state that the variables report but the protocol session owns and changes itself
   * (@@last_insert_id, @@warning_count, ...): asked at each read, so there is one source of each value.
   */
  interface LiveValues {
    long connectionId();

    long lastInsertId();

    boolean autocommit();

    /** Errors, warnings and notes of the previous statement (@@warning_count). */
    int warningCount();

    /** Errors of the previous statement (@@error_count). */
    int errorCount();
  }
}
