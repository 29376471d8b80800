package wiregate.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private final ConfigLoader loader = new ConfigLoader();
  @TempDir Path dir;

  private GatewayConfig load(String yaml, String... overrides) throws Exception {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, yaml);
    return loader.load(file, List.of(overrides));
  }

  private String failure(String yaml, String... overrides) {
    return assertThrows(ConfigException.class, () -> load(yaml, overrides)).getMessage();
  }

  @Test
  void defaultsMatchTheDocumentedPorts() throws Exception {
    GatewayConfig c = loader.load(null, List.of());
    assertEquals("127.0.0.1", c.listeners.bind);
    assertEquals(5432, c.listeners.postgres.port);
    assertEquals(3306, c.listeners.mysql.port);
    assertEquals(1433, c.listeners.tds.port);
    assertEquals(50000, c.listeners.drda.port);
    assertEquals(1521, c.listeners.oracle.port);
    assertEquals(8080, c.listeners.http.port);
    assertEquals(8443, c.listeners.https.port);
    assertEquals(6543, c.listeners.autodetect.port);
    assertEquals(EngineConfig.Kind.EMBEDDED, c.engine.kind);
    assertEquals(AuthConfig.PostgresAuthMethod.SCRAM_SHA_256, c.auth.postgresMethod);
  }

  @Test
  void readsYamlWithKebabCaseKeys() throws Exception {
    GatewayConfig c = load("""
        data-dir: /tmp/x
        listeners:
          postgres: {port: 15432}
          mysql: {port: 0}
        auth:
          postgres-method: md5
          allow-cleartext-without-tls: true
        engine:
          kind: postgres
          url: jdbc:postgresql://127.0.0.1:5433/postgres
          pool: {size: 3}
        """);
    assertEquals(15432, c.listeners.postgres.port);
    assertFalse(c.listeners.mysql.enabled());
    assertEquals(AuthConfig.PostgresAuthMethod.MD5, c.auth.postgresMethod);
    assertTrue(c.auth.allowCleartextWithoutTls);
    assertEquals(3, c.engine.pool.size);
    assertEquals(Path.of("/tmp/x/users.yaml"), c.usersFile());
  }

  @Test
  void setOverridesWinAndCreateMissingSections() throws Exception {
    GatewayConfig c = load("listeners: {postgres: {port: 1}}", "listeners.postgres.port=2345",
        "engine.pool.connection-timeout-ms=500", "auth.postgres-method=password", "engine.user=");
    assertEquals(2345, c.listeners.postgres.port);
    assertEquals(500, c.engine.pool.connectionTimeoutMs);
    assertEquals(AuthConfig.PostgresAuthMethod.PASSWORD, c.auth.postgresMethod);
    assertEquals(EngineConfig.PoolMode.SESSION, c.engine.poolMode, "session pooling stays the default");
    assertEquals(EngineConfig.PoolMode.TRANSACTION, load("", "engine.pool-mode=transaction").engine.poolMode);
    assertFalse(ReloadPolicy.reloadable("engine.pool-mode"), "restart only");
  }

  @Test
  void unknownKeysAreRejectedWithTheirPath() {
    assertEquals("unknown configuration key 'listeners.postgres.prot'", failure("listeners: {postgres: {prot: 1}}"));
    assertEquals("unknown configuration key 'nonsense'", failure("", "nonsense=1"));
  }

  @Test
  void badValuesNameTheKey() {
    assertTrue(failure("", "listeners.postgres.port=abc").startsWith("bad value for 'listeners.postgres.port'"));
    assertTrue(failure("", "listeners.postgres.port=70000").startsWith("bad value for 'listeners.postgres.port'"));
    String method = failure("auth: {postgres-method: kerberos}");
    assertTrue(method.startsWith("bad value for 'auth.postgres-method'"), method);
    assertTrue(method.contains("scram-sha-256"), method);
    String mode = failure("engine: {pool-mode: statement}");
    assertTrue(mode.startsWith("bad value for 'engine.pool-mode'") && mode.contains("transaction"), mode);
    assertTrue(failure("engine: {kind: postgres}").startsWith("bad value for 'engine.url'"));
    assertTrue(failure("", "auth.allow-cleartext-without-tls=maybe")
        .startsWith("bad value for 'auth.allow-cleartext-without-tls'"));
  }

  @Test
  void malformedYamlAndBadOverridesAreReported() {
    assertTrue(failure("listeners: [unclosed").contains("not valid YAML"));
    assertTrue(failure("", "no-equals-sign").contains("path.to.key=value"));
  }

  @Test
  void databasesAreMergedIntoTheCanonicalDefault() throws Exception {
    GatewayConfig c = load("""
        databases:
          shop: {kind: mysql, url: "jdbc:mysql://127.0.0.1:3306/shop", user: app, password: pw}
        """, "databases.reports.kind=postgres", "databases.reports.url=jdbc:postgresql://db/reports");
    assertEquals(List.of("default", "shop", "reports"), List.copyOf(c.databases.keySet()));
    assertEquals(DatabaseConfig.Kind.CANONICAL, c.databases.get("default").kind);
    assertEquals(DatabaseConfig.Kind.MYSQL, c.databases.get("shop").kind);
    assertEquals(java.time.Duration.ofHours(24), c.async.resultTtlDuration());
  }

  @Test
  void badDatabasesAndAsyncSettingsNameTheKey() {
    assertTrue(failure("databases: {shop: {kind: mysql}}").startsWith("bad value for 'databases.shop.url'"));
    assertTrue(failure("databases: {shop: {kind: mysql, url: 'jdbc:postgresql://x/y'}}")
        .startsWith("bad value for 'databases.shop.url'"));
    String kind = failure("databases: {shop: {kind: oracle}}");
    assertTrue(kind.startsWith("bad value for 'databases.shop.kind'") && kind.contains("canonical"), kind);
    assertTrue(failure("", "async.result-ttl=soon").startsWith("bad value for 'async.result-ttl'"));
    assertTrue(failure("", "async.default-database=nope").startsWith("bad value for 'async.default-database'"));
    assertTrue(failure("", "async.storage.kind=s3").startsWith("bad value for 'async.storage.s3.bucket'"));
    assertTrue(failure("", "async.metadata.kind=redis").startsWith("bad value for 'async.metadata.redis-url'"));
  }
}
