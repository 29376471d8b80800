package wiregate.dialect.mysql;

import java.util.Locale;
import java.util.Optional;
import wiregate.core.model.GatewayException;
import wiregate.core.mysql.MySqlContext;
import wiregate.core.mysql.VariableAssignment.Scope;
import wiregate.dialect.mysql.catalog.SystemVariableCatalog;

/**
 * The session values a translation reads (variables, LAST_INSERT_ID()), written as literals. Remembers
 * whether any was read, because such a translation must not be cached.
 */
final class SessionValues {
  private final MySqlContext context;
  private boolean used;

  SessionValues(MySqlContext context) {
    this.context = context;
  }

  boolean used() {
    return used;
  }

  MySqlContext context() {
    return context;
  }

  String database() {
    return context.database();
  }

  /** USER() / CURRENT_USER(): the authenticated gateway user as 'user@host', or the engine's when unknown. */
  String user(String host) {
    used = true;
    String user = context.user();
    return user == null ? "(session_user || '@" + host + "')" : PgText.literal(user + "@" + host);
  }

  /** {@code @name}: a typed literal, NULL when never set. */
  String userVariable(String name) {
    used = true;
    Optional<MySqlContext.UserVariable> v = context.userVariable(name.toLowerCase(Locale.ROOT));
    if (v.isEmpty() || v.get().text() == null) {
      return "NULL";
    }
    String literal = PgText.literal(v.get().text());
    String type = v.get().pgType();
    return type == null || type.isBlank() ? literal : "CAST(" + literal + " AS " + type + ")";
  }

  /** {@code @@[scope.]name}: a literal, numeric when the value is an integer as in MySQL. */
  String systemVariable(String reference) throws GatewayException {
    used = true;
    String lower = reference.toLowerCase(Locale.ROOT);
    Scope scope = Scope.SESSION;
    String name = lower;
    int dot = lower.indexOf('.');
    if (dot > 0) {
      String prefix = lower.substring(0, dot);
      name = lower.substring(dot + 1);
      scope = switch (prefix) {
        case "global" -> Scope.GLOBAL;
        case "session", "local" -> Scope.SESSION;
        case "persist", "persist_only" -> Scope.PERSIST;
        default -> {
          name = lower;
          yield Scope.SESSION;
        }
      };
    }
    Optional<String> value = context.systemVariable(scope, name);
    if (value.isEmpty()) {
      if (isNullValued(scope, name)) {
        return "NULL";
      }
      throw MySqlSyntaxErrors.error("42704", "Unknown system variable '" + name + "'");
    }
    String text = value.get();
    return text.matches("-?[0-9]{1,18}") ? text : PgText.literal(text);
  }

  /** The context answers empty for NULL values too (character_set_results): the catalog tells them apart. */
  private static boolean isNullValued(Scope scope, String name) {
    return SystemVariableCatalog.standard().find(name)
        .filter(v -> scope == Scope.SESSION || v.scope().hasGlobal()).isPresent();
  }

  /** A system variable if the session knows it, without failing. */
  Optional<String> optionalSystemVariable(String name) {
    used = true;
    return context.systemVariable(Scope.SESSION, name);
  }

  /**
   * Whether sql_mode is strict (STRICT_TRANS_TABLES or STRICT_ALL_TABLES; every engine table is
   * transactional). Not a used session value: translations are cached per strictness.
   */
  boolean strictMode() {
    return strictMode(context);
  }

  static boolean strictMode(MySqlContext context) {
    String mode = context.systemVariable(Scope.SESSION, "sql_mode").orElse("STRICT_TRANS_TABLES");
    return mode.toUpperCase(Locale.ROOT).contains("STRICT_");
  }

  /** ROW_COUNT(): the previous statement's affected rows (-1 after a result set), as MySQL's BIGINT. */
  String rowCount() {
    used = true;
    return "CAST(" + context.rowCount() + " AS bigint)";
  }

  /** FOUND_ROWS(): the rows of the previous result set. */
  String foundRows() {
    used = true;
    return "CAST(" + context.foundRows() + " AS bigint)";
  }

  String lastInsertId() {
    used = true;
    return Long.toUnsignedString(context.lastInsertId());
  }
}
