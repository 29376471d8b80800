package wiregate.core.config;

import java.util.Map;

/** Range and consistency checks that binding alone cannot express. */
final class ConfigValidator {
  private ConfigValidator() {}

  static void validate(GatewayConfig c) throws ConfigException {
    require(c.dataDir != null && !c.dataDir.isBlank(), "data-dir", "must not be empty");
    require(c.listeners.bind != null && !c.listeners.bind.isBlank(), "listeners.bind", "must not be empty");
    for (Map.Entry<String, ListenersConfig.ListenerConfig> e : c.listeners.byName().entrySet()) {
      require(e.getValue() != null, "listeners." + e.getKey(), "must be a mapping with a port");
      int port = e.getValue().port;
      require(port >= 0 && port <= 65535, "listeners." + e.getKey() + ".port",
          "must be between 0 (disabled) and 65535, got " + port);
    }
    require(c.listeners.detectTimeoutMs > 0, "listeners.detect-timeout-ms", "must be positive");
    require((c.tls.certFile == null) == (c.tls.keyFile == null), "tls.cert-file",
        "tls.cert-file and tls.key-file must be set together");
    require(c.auth.bootstrapUser != null && !c.auth.bootstrapUser.isBlank(), "auth.bootstrap-user",
        "must not be empty");
    require(c.auth.scramIterations >= 4096, "auth.scram-iterations", "must be at least 4096");
    require(c.engine.port >= 0 && c.engine.port <= 65535, "engine.port", "must be between 0 and 65535");
    require(c.engine.fetchSize >= 1, "engine.fetch-size", "must be at least 1");
    require(c.engine.pool.size >= 1, "engine.pool.size", "must be at least 1");
    require(c.engine.pool.connectionTimeoutMs >= 250, "engine.pool.connection-timeout-ms",
        "must be at least 250");
    require(c.engine.startupTimeoutMs >= 1000, "engine.startup-timeout-ms", "must be at least 1000");
    if (c.engine.kind == EngineConfig.Kind.POSTGRES) {
      require(c.engine.url != null && c.engine.url.startsWith("jdbc:postgresql:"), "engine.url",
          "must be a jdbc:postgresql: URL when engine.kind is postgres");
    }
    require(c.protocols.postgres.maxMessageSize >= 1024, "protocols.postgres.max-message-size",
        "must be at least 1024");
    require(c.protocols.mysql.maxAllowedPacket >= 1024, "protocols.mysql.max-allowed-packet",
        "must be at least 1024 bytes");
    require(c.protocols.mysql.database != null && !c.protocols.mysql.database.isBlank(),
        "protocols.mysql.database", "must name an engine database");
    require(java.util.Set.of("caching_sha2_password", "mysql_native_password")
            .contains(c.protocols.mysql.defaultAuthPlugin), "protocols.mysql.default-auth-plugin",
        "must be caching_sha2_password or mysql_native_password");
    require(c.lifecycle.drainTimeoutMs >= 0, "lifecycle.drain-timeout-ms", "must not be negative");
    validateDatabases(c);
    validateAsync(c);
  }

  private static void validateDatabases(GatewayConfig c) throws ConfigException {
    for (Map.Entry<String, DatabaseConfig> e : c.databases.entrySet()) {
      String at = "databases." + e.getKey();
      DatabaseConfig db = e.getValue();
      require(db != null, at, "must be a mapping with a kind");
      // No '.': a setting's path (databases.<id>.url) must name one database.
      require(e.getKey().matches("[A-Za-z0-9_-]{1,64}"), at, "ids are 1 to 64 letters, digits, '_' or '-'");
      require(db.poolSize >= 1, at + ".pool-size", "must be at least 1");
      switch (db.kind) {
        case CANONICAL -> require(db.url == null, at + ".url", "a canonical database has no url (it is the engine)");
        case POSTGRES -> require(db.url != null && db.url.startsWith("jdbc:postgresql:"), at + ".url",
            "must be a jdbc:postgresql: URL");
        case MYSQL -> require(db.url != null && db.url.startsWith("jdbc:mysql:"), at + ".url",
            "must be a jdbc:mysql: URL");
      }
    }
  }

  private static void validateAsync(GatewayConfig c) throws ConfigException {
    AsyncConfig a = c.async;
    try {
      require(!a.resultTtlDuration().isZero(), "async.result-ttl", "must be positive");
    } catch (IllegalArgumentException e) {
      throw new ConfigException("bad value for 'async.result-ttl': " + e.getMessage());
    }
    require(a.maxRunning >= 1, "async.max-running", "must be at least 1");
    require(a.maxQueued >= 0, "async.max-queued", "must not be negative");
    require(a.fetchSize >= 1, "async.fetch-size", "must be at least 1");
    require(a.maxRequestBytes >= 1024, "async.max-request-bytes", "must be at least 1024");
    require(c.databases.containsKey(a.defaultDatabase), "async.default-database",
        "names no entry of databases: '" + a.defaultDatabase + "'");
    if (a.storage.kind == AsyncConfig.StorageKind.S3) {
      require(a.storage.s3.bucket != null && !a.storage.s3.bucket.isBlank(), "async.storage.s3.bucket",
          "is required when async.storage.kind is s3");
    }
    if (a.metadata.kind == AsyncConfig.MetadataKind.REDIS) {
      require(a.metadata.redisUrl != null && a.metadata.redisUrl.matches("rediss?://.+"), "async.metadata.redis-url",
          "must be a redis:// URL when async.metadata.kind is redis");
    }
    require(a.metadata.heartbeatMs >= 100, "async.metadata.heartbeat-ms", "must be at least 100");
    require(a.metadata.ownerTimeoutMs >= 2 * a.metadata.heartbeatMs, "async.metadata.owner-timeout-ms",
        "must be at least twice async.metadata.heartbeat-ms");
  }

  private static void require(boolean ok, String path, String problem) throws ConfigException {
    if (!ok) {
      throw new ConfigException("bad value for '" + path + "': " + problem);
    }
  }
}
