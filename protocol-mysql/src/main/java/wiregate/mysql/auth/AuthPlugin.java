package wiregate.mysql.auth;

import java.util.Optional;

/** The authentication plugins the gateway speaks. */
public enum AuthPlugin {
  /** MySQL 8.0's default: SHA-256 scramble, with a cache for the fast path and full auth otherwise. */
  CACHING_SHA2_PASSWORD("caching_sha2_password"),
  /** The pre-8.0 default: a SHA-1 scramble checked against SHA1(SHA1(password)). */
  MYSQL_NATIVE_PASSWORD("mysql_native_password");

  private final String pluginName;

  AuthPlugin(String pluginName) {
    this.pluginName = pluginName;
  }

  /** The name on the wire. */
  public String pluginName() {
    return pluginName;
  }

  public static Optional<AuthPlugin> byName(String name) {
    for (AuthPlugin plugin : values()) {
      if (plugin.pluginName.equals(name)) {
        return Optional.of(plugin);
      }
    }
    return Optional.empty();
  }
}
