package wiregate.dialect.mysql.catalog;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import wiregate.core.model.GatewayException;
import wiregate.core.mysql.MySqlSessionVariables.LiveValues;
import wiregate.core.mysql.VariableAssignment;

/**
 * The system variables of one MySQL session: session values (copied from the global values when the
 * session starts, as MySQL does), checks on SET with MySQL's errors, and reads for {@code @@name}
 * and SHOW VARIABLES. Not thread-safe: a session runs one command at a time.
 *
 * <p>Values that belong to the protocol session's own state (autocommit, last_insert_id,
 * warning_count, error_count, pseudo_thread_id) are asked of {@link LiveValues}, so there is one
 * owner of each.
 */
public final class SessionVariables {
  /**
   * What a SET did to one variable. {@code engineSql} is the PostgreSQL statement that gives the
   * engine session the same behaviour, when there is one (time_zone, transaction isolation and
   * access mode, statement and lock timeouts); the session runs it. GLOBAL changes never touch the
   * engine.
   */
  public record Applied(String name, VariableAssignment.Scope scope, String value, Optional<String> engineSql) {}

  private final GlobalVariables globals;
  private final LiveValues live;
  private final Map<String, String> values = new HashMap<>();

  public SessionVariables(GlobalVariables globals, LiveValues live) {
    this.globals = globals;
    this.live = live;
    for (SystemVariable variable : globals.catalog().all()) {
      if (variable.scope().hasSession()) {
        values.put(SystemVariableCatalog.storageName(variable.name()), globals.value(variable));
      }
    }
  }

  /**
   * For {@code MySqlContext.systemVariable}: {@code SELECT @@name} (scope SESSION, also used for a
   * bare {@code @@name}: the session value, or the global one for global-only variables) or
   * {@code @@global.name}. Empty when there is no such value, and also when the value is NULL
   * (character_set_results, secure_file_priv): Optional cannot hold null, so a caller that finds the
   * name in {@link SystemVariableCatalog} reads empty as NULL. Use {@link #read} for MySQL's exact
   * error.
   */
  public Optional<String> systemVariable(VariableAssignment.Scope scope, String name) {
    try {
      return Optional.ofNullable(read(scope, name));
    } catch (GatewayException e) {
      return Optional.empty();
    }
  }

  /**
   * The value as {@code SELECT @@name} shows it (null = NULL). Errors: 1193 unknown variable, 1238
   * for @@global of a session-only variable.
   */
  public String read(VariableAssignment.Scope scope, String name) throws GatewayException {
    SystemVariable variable = variable(name);
    boolean global = scope == VariableAssignment.Scope.GLOBAL || scope == VariableAssignment.Scope.PERSIST;
    if (global && !variable.scope().hasGlobal()) {
      throw MySqlErrors.isSessionVariable(variable.name());
    }
    return variable.selectValue(rawValue(variable, global));
  }

  /** The value as SHOW [GLOBAL] VARIABLES prints it, or empty when the variable has no such scope. */
  public Optional<String> show(boolean global, SystemVariable variable) {
    if (global && !variable.scope().hasGlobal()) {
      return Optional.empty();
    }
    return Optional.of(variable.showValue(rawValue(variable, global)));
  }

  private String rawValue(SystemVariable variable, boolean global) {
    String name = SystemVariableCatalog.storageName(variable.name());
    if (!global || !variable.scope().hasGlobal()) {
      switch (name) {
        case "autocommit":
          return live.autocommit() ? "ON" : "OFF";
        case "last_insert_id":
          return Long.toUnsignedString(live.lastInsertId());
        case "warning_count":
          return Integer.toString(live.warningCount());
        case "error_count":
          return Integer.toString(live.errorCount());
        case "pseudo_thread_id":
          return values.get(name) != null && !values.get(name).equals("0") ? values.get(name)
              : Long.toString(live.connectionId());
        case "timestamp":
          String fixed = values.get(name);
          if (fixed != null && !fixed.equals("0.000000") && !fixed.equals("0")) {
            return fixed;
          }
          long micros = java.time.Instant.now().toEpochMilli() * 1000;
          return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
        default:
          break;
      }
    }
    if (global || !variable.scope().hasSession()) {
      return globals.value(variable);
    }
    return values.get(name);
  }

  /**
   * Applies one assignment whose value is known: {@code assignment.constant()} or, for assignments
   * that carried a PostgreSQL expression, {@code evaluatedValue} (its result as text; null = NULL).
   * User variables are not handled here. Errors are MySQL's: 1193, 1238, 1228, 1229, 1621, 1231,
   * 1232, 1115, 1273, 1298.
   */
  public Applied apply(VariableAssignment assignment, String evaluatedValue) throws GatewayException {
    if (assignment.scope() == VariableAssignment.Scope.USER) {
      throw new IllegalArgumentException("user variables belong to the session, not SessionVariables");
    }
    SystemVariable variable = variable(assignment.name());
    boolean global = assignment.scope() != VariableAssignment.Scope.SESSION;
    variable.checkAssignable(global);
    String value;
    if (assignment.isDefault()) {
      value = global || !variable.scope().hasGlobal() ? globals.startupValue(variable) : globals.value(variable);
    } else {
      value = variable.normalize(assignment.pgExpression() != null ? evaluatedValue : assignment.constant());
    }
    String name = SystemVariableCatalog.storageName(variable.name());
    Optional<String[]> partner = charsetPartner(name, value, global);
    if (global) {
      globals.set(variable, value);
      partner.ifPresent(p -> globals.set(variable0(p[0]), p[1]));
      return new Applied(name, assignment.scope(), value, Optional.empty());
    }
    values.put(name, value);
    partner.ifPresent(p -> values.put(p[0], p[1]));
    return new Applied(name, assignment.scope(), value, engineStatement(name, value));
  }

  /**
   * MySQL keeps each character_set_x / collation_x pair (connection, database, server) consistent:
   * setting the character set sets its default collation, setting the collation sets its character
   * set. Returns the partner's name and new value.
   */
  private Optional<String[]> charsetPartner(String name, String value, boolean global) {
    for (String pair : List.of("connection", "database", "server")) {
      if (name.equals("character_set_" + pair)) {
        String collation = CharacterSets.characterSet(value).map(CharacterSets.CharacterSet::defaultCollation)
            .orElse(null);
        if (value.equals("utf8mb4")) {
          // MySQL 8.0 takes utf8mb4's default from default_collation_for_utf8mb4.
          collation = global ? globals.value(variable0("default_collation_for_utf8mb4"))
              : values.get("default_collation_for_utf8mb4");
        }
        return Optional.ofNullable(collation).map(c -> new String[] {"collation_" + pair, c});
      }
      if (name.equals("collation_" + pair)) {
        return CharacterSets.collation(value).map(c -> new String[] {"character_set_" + pair, c.charset()});
      }
    }
    return Optional.empty();
  }

  /** {@link #apply(VariableAssignment, String)} for an assignment with a constant value. */
  public Applied apply(VariableAssignment assignment) throws GatewayException {
    return apply(assignment, null);
  }

  /**
   * Statements that put a fresh engine session in line with this session's values (time zone, lock
   * timeout, statement timeout). The transaction isolation is left alone: the engine runs READ
   * COMMITTED until a client sets a level (docs/mysql.md).
   */
  public List<String> initialEngineStatements() {
    List<String> out = new ArrayList<>();
    for (String name : List.of("time_zone", "innodb_lock_wait_timeout", "max_execution_time")) {
      engineStatement(name, values.get(name)).ifPresent(out::add);
    }
    return out;
  }

  private Optional<String> engineStatement(String name, String value) {
    return switch (name) {
      case "time_zone" -> Optional.of(TimeZones.engineStatement(value, systemTimeZone()));
      case "transaction_isolation" -> Optional.of(
          "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL " + value.replace('-', ' '));
      case "transaction_read_only" -> Optional.of("SET SESSION CHARACTERISTICS AS TRANSACTION "
          + (value.equals("ON") ? "READ ONLY" : "READ WRITE"));
      case "innodb_lock_wait_timeout" -> Optional.of("SET lock_timeout = '" + value + "s'");
      case "max_execution_time" -> Optional.of("SET statement_timeout = " + value);
      // Read by the compat schema's division by zero (strict mode, ERROR_FOR_DIVISION_BY_ZERO).
      case "sql_mode" -> Optional.of("SET wg_mysql.sql_mode = '," + String.valueOf(value).replace("'", "''") + ",'");
      default -> Optional.empty();
    };
  }

  private String systemTimeZone() {
    return globals.value(variable0("system_time_zone"));
  }

  private SystemVariable variable(String name) throws GatewayException {
    return globals.find(name).orElseThrow(() -> MySqlErrors.unknownSystemVariable(name.toLowerCase(Locale.ROOT)));
  }

  private SystemVariable variable0(String name) {
    return globals.find(name).orElseThrow();
  }

  /** The session's value of a variable in canonical form (ON/OFF booleans), for the protocol's own use. */
  public String value(String name) {
    return rawValue(variable0(name), false);
  }

  public String sqlMode() {
    return values.get("sql_mode");
  }

  /** How the client encodes statement text. */
  public Charset clientCharset() {
    return javaCharset(values.get("character_set_client"));
  }

  /** How results must be encoded; null when character_set_results is NULL (send text unconverted). */
  public Charset resultsCharset() {
    String name = values.get("character_set_results");
    return name == null ? null : javaCharset(name);
  }

  /** The collation id of collation_connection (what column definitions report for text). */
  public int connectionCollationId() {
    return CharacterSets.collation(values.get("collation_connection")).map(CharacterSets.Collation::id).orElse(255);
  }

  private static Charset javaCharset(String mysqlName) {
    return CharacterSets.characterSet(mysqlName).map(c -> Charset.forName(c.javaCharset()))
        .orElse(java.nio.charset.StandardCharsets.UTF_8);
  }
}
