package wiregate.core.config;

import java.util.List;

/**
 * Which settings a reload (SIGHUP, {@code POST /v1/admin/reload}) may change while the gateway runs.
 * It is an allow-list: a setting not named here needs a restart, so a key added later is safe until
 * someone makes it reloadable on purpose. Reloaded settings apply to sessions opened afterwards (and
 * to the engine pools at once); a session that is open keeps the values it started with.
 */
public final class ReloadPolicy {
  private static final List<String> RELOADABLE = List.of(
      "auth.users-file",
      "auth.postgres-method",
      "auth.allow-cleartext-without-tls",
      "engine.fetch-size",
      "engine.pool.size",
      "engine.pool.connection-timeout-ms",
      "protocols.postgres.max-message-size",
      "protocols.postgres.relay",
      "protocols.mysql.max-allowed-packet",
      "protocols.mysql.default-auth-plugin",
      "lifecycle.drain-timeout-ms",
      "async.result-ttl",
      "async.max-running",
      "async.max-queued",
      "async.fetch-size",
      "async.default-database",
      "async.max-request-bytes");
  /** Whole sections: every database can be added, changed or removed (new pools; old ones retire when idle). */
  private static final List<String> RELOADABLE_SECTIONS = List.of("databases.");

  private ReloadPolicy() {}

  /** Whether {@code key} (a dotted path such as {@code engine.fetch-size}) can change without a restart. */
  public static boolean reloadable(String key) {
    return RELOADABLE.contains(key) || RELOADABLE_SECTIONS.stream().anyMatch(key::startsWith);
  }

  public static List<String> reloadableKeys() {
    return RELOADABLE;
  }

  public static List<String> reloadableSections() {
    return RELOADABLE_SECTIONS;
  }
}
