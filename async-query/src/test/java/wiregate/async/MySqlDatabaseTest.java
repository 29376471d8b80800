package wiregate.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wiregate.core.async.QueryInfo;
import wiregate.core.async.QueryRequest;
import wiregate.core.async.QueryState;
import wiregate.core.async.ResultFormat;
import wiregate.core.config.DatabaseConfig;
import wiregate.engine.async.PooledQueryDatabases;

/** A database of kind mysql, through MySQL Connector/J, on a real (Debian) MariaDB server. */
class MySqlDatabaseTest {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static TestMariaDb mariadb;
  private static PooledQueryDatabases databases;
  private ServiceFixture fixture;

  @BeforeAll
  static void startServers() throws Exception {
    assumeTrue(TestMariaDb.available(), "no MariaDB server here (Debian's mariadb-server)");
    mariadb = TestMariaDb.start();
    DatabaseConfig shop = new DatabaseConfig();
    shop.kind = DatabaseConfig.Kind.MYSQL;
    shop.url = mariadb.url();
    shop.user = TestMariaDb.USER;
    shop.password = TestMariaDb.PASSWORD;
    databases = TestEngine.get().databases(Map.of("shop", shop));
  }

  @AfterAll
  static void stopServers() throws Exception {
    if (databases != null) {
      databases.close();
    }
    if (mariadb != null) {
      mariadb.close();
    }
  }

  @BeforeEach
  void startService(@TempDir Path results) throws Exception {
    fixture = new ServiceFixture(databases, results, 2, 10);
  }

  @AfterEach
  void stopService() {
    fixture.close();
  }

  private static QueryRequest shop(String sql, ResultFormat format, Long timeoutMs, Long maxRows) {
    return new QueryRequest("shop", sql, List.of(), format, false, timeoutMs, maxRows);
  }

  @Test
  void mySqlTypesAreMapped() throws Exception {
    QueryInfo done = fixture.run(shop("""
        SELECT 1 AS i, CAST(18000000000000000000 AS UNSIGNED) AS ub, CAST(4000000000 AS UNSIGNED) AS big,
          CAST(12.34 AS DECIMAL(6,2)) AS d, CAST('2024-02-29 12:34:56.5' AS DATETIME(1)) AS dt,
          DATE '2024-02-29' AS day, 'grüße' AS s, X'DEADBEEF' AS bin, 1.5e0 AS dbl, NULL AS n
        """, ResultFormat.JSONL, null, null));
    assertEquals(QueryState.SUCCEEDED, done.state(), () -> String.valueOf(done.error()));
    JsonNode row = JSON.readTree(fixture.resultText(done.id()));
    assertEquals(1, row.get("i").intValue());
    assertEquals(new BigDecimal("18000000000000000000"), row.get("ub").decimalValue(), "unsigned bigint exact");
    assertEquals(4_000_000_000L, row.get("big").longValue());
    assertEquals(new BigDecimal("12.34"), row.get("d").decimalValue());
    assertEquals("2024-02-29T12:34:56.5", row.get("dt").textValue());
    assertEquals("2024-02-29", row.get("day").textValue());
    assertEquals("grüße", row.get("s").textValue());
    assertEquals(1.5, row.get("dbl").doubleValue());
    assertTrue(row.get("n").isNull());
  }

  @Test
  void longResultsStream() throws Exception {
    QueryInfo done = fixture.run(shop("SELECT seq FROM seq_1_to_200000", ResultFormat.CSV, null, null));
    assertEquals(QueryState.SUCCEEDED, done.state(), () -> String.valueOf(done.error()));
    assertEquals(200_001, fixture.resultText(done.id()).lines().count());
    assertEquals(200_000, fixture.service.stats(ServiceFixture.USER, done.id()).rows());
  }

  @Test
  void maxRowsCutsTheResult() throws Exception {
    QueryInfo done = fixture.run(shop("SELECT seq FROM seq_1_to_1000000", ResultFormat.JSONL, null, 10L));
    assertEquals(QueryState.SUCCEEDED, done.state(), () -> String.valueOf(done.error()));
    assertEquals(10, fixture.resultText(done.id()).lines().count());
    assertTrue(fixture.service.stats(ServiceFixture.USER, done.id()).truncated());
  }

  @Test
  void stopKillsTheQueryOnTheServer() throws Exception {
    QueryInfo submitted = fixture.submit(shop("SELECT SLEEP(30) AS slept /* mysql-stop */", ResultFormat.JSONL,
        null, null));
    awaitProcesses("mysql-stop", 1);
    QueryInfo stopped = fixture.service.stop(ServiceFixture.USER, submitted.id());
    assertEquals(QueryState.CANCELED, stopped.state());
    awaitProcesses("mysql-stop", 0);
  }

  @Test
  void timeoutKillsTheQueryOnTheServer() throws Exception {
    QueryInfo done = fixture.run(shop("SELECT SLEEP(30) AS slept /* mysql-timeout */", ResultFormat.JSONL,
        300L, null));
    assertEquals(QueryState.FAILED, done.state());
    assertEquals("TIMEOUT", done.error().code());
    awaitProcesses("mysql-timeout", 0);
  }

  /** Waits until {@code count} server threads run a statement containing {@code marker}. */
  private static void awaitProcesses(String marker, int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    try (Connection c = DriverManager.getConnection(mariadb.url(), TestMariaDb.USER, TestMariaDb.PASSWORD);
        Statement s = c.createStatement()) {
      while (true) {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
            + " WHERE COMMAND = 'Query' AND INFO LIKE '%" + marker + "%' AND ID <> CONNECTION_ID()")) {
          rs.next();
          if (rs.getInt(1) == count) {
            return;
          }
        }
        assertTrue(System.nanoTime() < deadline, "waiting for " + count + " statements with " + marker);
        Thread.sleep(50);
      }
    }
  }
}
