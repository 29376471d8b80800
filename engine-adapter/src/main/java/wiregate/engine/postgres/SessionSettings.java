package wiregate.engine.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run-time settings a client session changed from its engine connection's defaults (those whose
 * {@code pg_settings.source} is {@code session}: SET, set_config, the client's start-up settings).
 * In transaction pool mode they travel with the client session: read after a lease that may have
 * changed them, and applied to the next engine connection only when its own settings differ.
 */
record SessionSettings(Map<String, String> values) {
  static final SessionSettings DEFAULTS = new SessionSettings(Map.of());

  private static final String READ = "select name, pg_catalog.current_setting(name) from pg_catalog.pg_settings"
      + " where source = 'session' and name not like 'transaction\\_%' and name <> 'session_authorization'";

  SessionSettings {
    values = Map.copyOf(values);
  }

  /**
   * The settings in force on an idle connection (one round trip), with the custom settings of these
   * names (pg_settings lists no custom settings).
   */
  static SessionSettings read(Connection connection, java.util.Set<String> customNames) throws SQLException {
    Map<String, String> values = new TreeMap<>();
    StringBuilder sql = new StringBuilder(READ);
    for (String name : customNames) {
      String quoted = literal(name);
      sql.append(" union all select ").append(quoted).append(", pg_catalog.current_setting(").append(quoted)
          .append(", true) where pg_catalog.current_setting(").append(quoted).append(", true) is not null");
    }
    try (java.sql.Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql.toString())) {
      while (rows.next()) {
        values.put(rows.getString(1), rows.getString(2));
      }
    }
    return values.isEmpty() ? DEFAULTS : new SessionSettings(values);
  }

  /**
   * Puts an idle connection into exactly these settings, in one round trip: RESET ALL returns it to
   * the connection defaults (the values pgjdbc sent at start-up), then each setting is set.
   */
  void applyTo(Connection connection) throws SQLException {
    StringBuilder sql = new StringBuilder("RESET ALL");
    if (!values.isEmpty()) {
      sql.append("; SELECT ");
      String separator = "";
      for (Map.Entry<String, String> e : values.entrySet()) {
        sql.append(separator).append("pg_catalog.set_config(").append(literal(e.getKey())).append(", ")
            .append(literal(e.getValue())).append(", false)");
        separator = ", ";
      }
    }
    try (java.sql.Statement statement = connection.createStatement()) {
      statement.execute(sql.toString());
    }
  }

  /** A dollar-quoted literal, safe whatever standard_conforming_strings says. */
  static String literal(String value) {
    String tag = "$wg$";
    // The value must not contain the tag, nor end in a way that forms it with the closing tag.
    for (int n = 0; (value + tag).indexOf(tag) != value.length(); n++) {
      tag = "$wg" + n + "$";
    }
    return tag + value + tag;
  }
}
