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
   * Validates and stores a value; {@code null} restores the default (SET x = DEFAULT).
   *
   * @return the value as it now reads (e.g. {@code ON} for 1 on a boolean variable)
   * @throws GatewayException with MySQL's error for unknown, read-only or badly set variables
   */
  String set(VariableAssignment.Scope scope, String name, String value) throws GatewayException;

  /** Back to the defaults (COM_RESET_CONNECTION, COM_CHANGE_USER). */
  void reset();
}
