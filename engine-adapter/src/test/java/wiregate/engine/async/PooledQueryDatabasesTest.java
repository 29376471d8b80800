package wiregate.engine.async;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import wiregate.core.async.DatabaseInfo;
import wiregate.core.async.QueryDatabase;
import wiregate.core.config.DatabaseConfig;
import wiregate.engine.postgres.EngineEndpoint;

class PooledQueryDatabasesTest {
  private static final EngineEndpoint ENGINE =
      new EngineEndpoint("jdbc:postgresql://127.0.0.1:5999/postgres", "postgres", "engine-secret");

  private static DatabaseConfig config(DatabaseConfig.Kind kind, String url) {
    DatabaseConfig config = new DatabaseConfig();
    config.kind = kind;
    config.url = url;
    return config;
  }

  @Test
  void canonicalDatabasesUseTheEngineAndItsAccount() {
    DatabaseConfig reporting = config(DatabaseConfig.Kind.CANONICAL, null);
    reporting.database = "reporting";
    HikariConfig hc = PooledQueryDatabases.poolConfig("r", reporting, ENGINE);
    assertEquals("jdbc:postgresql://127.0.0.1:5999/reporting", hc.getJdbcUrl());
    assertEquals("postgres", hc.getUsername());
    assertEquals("unspecified", hc.getDataSourceProperties().getProperty("stringtype"));
    assertEquals("jdbc:postgresql://127.0.0.1:5999/postgres",
        PooledQueryDatabases.poolConfig("d", config(DatabaseConfig.Kind.CANONICAL, null), ENGINE).getJdbcUrl());
  }

  @Test
  void externalDatabasesUseTheirUrlAndDriver() {
    DatabaseConfig mysql = config(DatabaseConfig.Kind.MYSQL, "jdbc:mysql://db:3306/shop?password=x");
    mysql.user = "reader";
    HikariConfig hc = PooledQueryDatabases.poolConfig("shop", mysql, ENGINE);
    assertEquals("com.mysql.cj.jdbc.Driver", hc.getDriverClassName());
    assertEquals("reader", hc.getUsername());
    assertEquals(-1, hc.getInitializationFailTimeout(), "no connection at start");
  }

  @Test
  void listsDatabasesInOrderWithoutUrlParameters() {
    Map<String, DatabaseConfig> configs = new LinkedHashMap<>();
    configs.put("default", config(DatabaseConfig.Kind.CANONICAL, null));
    configs.put("shop", config(DatabaseConfig.Kind.MYSQL, "jdbc:mysql://db:3306/shop?password=x"));
    configs.put("wh", config(DatabaseConfig.Kind.POSTGRES, "jdbc:postgresql://pg/wh?password=y"));
    try (PooledQueryDatabases databases = PooledQueryDatabases.create(configs, ENGINE)) {
      assertEquals(List.of(
          new DatabaseInfo("default", "canonical", "the canonical engine, database postgres"),
          new DatabaseInfo("shop", "mysql", "MySQL at jdbc:mysql://db:3306/shop"),
          new DatabaseInfo("wh", "postgres", "PostgreSQL at jdbc:postgresql://pg/wh")),
          databases.all().stream().map(QueryDatabase::info).toList());
      assertEquals("shop", databases.find("shop").orElseThrow().id());
    }
  }

  @Test
  void theEngineUrlNamesItsDefaultDatabase() {
    assertEquals("postgres", new EngineEndpoint("jdbc:postgresql://h:1/", "u", "p").database());
    assertEquals("postgres", new EngineEndpoint("jdbc:postgresql://h:1", "u", "p").database());
    assertEquals("app db", new EngineEndpoint("jdbc:postgresql://h:1/app%20db?ssl=true", "u", "p").database());
  }

  @Test
  void aReloadKeepsUnchangedPoolsReplacesChangedOnesAndRetiresRemovedOnes() throws Exception {
    wiregate.core.config.GatewayConfig before = new wiregate.core.config.GatewayConfig();
    before.databases.put("shop", config(DatabaseConfig.Kind.MYSQL, "jdbc:mysql://db:3306/shop"));
    before.databases.put("old", config(DatabaseConfig.Kind.POSTGRES, "jdbc:postgresql://pg/old"));
    try (PooledQueryDatabases databases = PooledQueryDatabases.create(before.databases, ENGINE)) {
      QueryDatabase canonical = databases.find("default").orElseThrow();
      QueryDatabase shop = databases.find("shop").orElseThrow();
      com.zaxxer.hikari.HikariDataSource oldPool =
          (com.zaxxer.hikari.HikariDataSource) databases.find("old").orElseThrow().dataSource();

      wiregate.core.config.GatewayConfig next = new wiregate.core.config.GatewayConfig();
      next.databases.put("shop", config(DatabaseConfig.Kind.MYSQL, "jdbc:mysql://db2:3306/shop"));
      next.databases.put("new", config(DatabaseConfig.Kind.POSTGRES, "jdbc:postgresql://pg/new"));
      Runnable commit = databases.prepare(before, next);
      assertEquals(List.of("default", "shop", "old"), databases.all().stream().map(QueryDatabase::id).toList(),
          "prepare changes nothing");
      commit.run();

      assertEquals(List.of("default", "shop", "new"), databases.all().stream().map(QueryDatabase::id).toList());
      org.junit.jupiter.api.Assertions.assertSame(canonical, databases.find("default").orElseThrow(),
          "an unchanged database keeps its pool");
      org.junit.jupiter.api.Assertions.assertNotSame(shop.dataSource(), databases.find("shop").orElseThrow().dataSource());
      assertEquals("MySQL at jdbc:mysql://db2:3306/shop", databases.find("shop").orElseThrow().info().description());
      assertEquals(java.util.Optional.empty(), databases.find("old"));
      // Nothing runs on the removed database's pool, so it closes soon.
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (!oldPool.isClosed() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      org.junit.jupiter.api.Assertions.assertTrue(oldPool.isClosed(), "the retired pool is closed once idle");
    }
  }
}
