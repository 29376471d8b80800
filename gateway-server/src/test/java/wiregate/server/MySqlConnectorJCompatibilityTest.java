package wiregate.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** MySQL Connector/J against the gateway's MySQL port, with client- and server-side prepared statements. */
class MySqlConnectorJCompatibilityTest {
  private static RunningGateway gateway;

  @BeforeAll
  static void start() throws Exception {
    gateway = RunningGateway.start();
    try (Connection c = gateway.connectMysql("", "")) {
      c.createStatement().execute("CREATE DATABASE IF NOT EXISTS jtest");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    gateway.close();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void typesRoundTripThroughPreparedStatements(boolean serverPrepared) throws SQLException {
    try (Connection c = gateway.connectMysql("jtest", "useServerPrepStmts=" + serverPrepared)) {
      String table = "types_" + serverPrepared;
      c.createStatement().execute("DROP TABLE IF EXISTS " + table);
      c.createStatement().execute("CREATE TABLE " + table + " (id INT AUTO_INCREMENT PRIMARY KEY, "
          + "b TINYINT(1), i INT, big BIGINT, ub BIGINT UNSIGNED, d DECIMAL(12,3), f DOUBLE, "
          + "s VARCHAR(40), t TEXT, bin VARBINARY(16), dt DATETIME(6), day DATE)");
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table
          + " (b, i, big, ub, d, f, s, t, bin, dt, day) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
          Statement.RETURN_GENERATED_KEYS)) {
        insert.setBoolean(1, true);
        insert.setInt(2, -42);
        insert.setLong(3, Long.MIN_VALUE);
        insert.setBigDecimal(4, new BigDecimal("18446744073709551615"));
        insert.setBigDecimal(5, new BigDecimal("-123456789.125"));
        insert.setDouble(6, 2.5e-3);
        insert.setString(7, "it's \\ 'quoted' ü");
        insert.setString(8, null);
        insert.setBytes(9, new byte[] {0, 1, (byte) 0xff, 39, 92});
        insert.setTimestamp(10, Timestamp.valueOf(LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123456000)));
        insert.setObject(11, LocalDate.of(1999, 12, 31));
        assertEquals(1, insert.executeUpdate());
        try (ResultSet keys = insert.getGeneratedKeys()) {
          assertTrue(keys.next());
          assertEquals(1, keys.getLong(1));
        }
      }
      try (PreparedStatement select = c.prepareStatement("SELECT b, i, big, ub, d, f, s, t, bin, dt, day FROM "
          + table + " WHERE id = ?")) {
        select.setInt(1, 1);
        try (ResultSet rs = select.executeQuery()) {
          assertTrue(rs.next());
          assertTrue(rs.getBoolean(1));
          assertEquals(-42, rs.getInt(2));
          assertEquals(Long.MIN_VALUE, rs.getLong(3));
          assertEquals(new BigDecimal("18446744073709551615"), rs.getBigDecimal(4));
          assertEquals(new BigDecimal("-123456789.125"), rs.getBigDecimal(5));
          assertEquals(2.5e-3, rs.getDouble(6));
          assertEquals("it's \\ 'quoted' ü", rs.getString(7));
          assertEquals(null, rs.getString(8));
          assertArrayEquals(new byte[] {0, 1, (byte) 0xff, 39, 92}, rs.getBytes(9));
          assertEquals(LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123456000), rs.getObject(10, LocalDateTime.class));
          assertEquals(LocalDate.of(1999, 12, 31), rs.getObject(11, LocalDate.class));
          assertFalse(rs.next());
        }
      }
    }
  }

  @Test
  void cursorFetchStreamsInBatches() throws SQLException {
    try (Connection c = gateway.connectMysql("jtest", "useServerPrepStmts=true&useCursorFetch=true")) {
      c.createStatement().execute("DROP TABLE IF EXISTS many");
      c.createStatement().execute("CREATE TABLE many (n INT PRIMARY KEY)");
      c.createStatement().execute("INSERT INTO many SELECT g FROM generate_series(1, 5000) AS g");
      try (PreparedStatement select = c.prepareStatement("SELECT n FROM many ORDER BY n")) {
        select.setFetchSize(100);
        long sum = 0;
        int rows = 0;
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            sum += rs.getInt(1);
            rows++;
          }
        }
        assertEquals(5000, rows);
        assertEquals(5000L * 5001 / 2, sum);
      }
      // the connection is usable afterwards, and autocommit still holds
      try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM many")) {
        assertTrue(rs.next());
        assertEquals(5000, rs.getInt(1));
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"false,false", "false,true", "true,false", "true,true"})
  void batchInsertWithGeneratedKeys(boolean rewrite, boolean serverPrepared) throws SQLException {
    try (Connection c = gateway.connectMysql("jtest",
        "rewriteBatchedStatements=" + rewrite + "&useServerPrepStmts=" + serverPrepared)) {
      String table = "batch_" + rewrite + "_" + serverPrepared;
      c.createStatement().execute("DROP TABLE IF EXISTS " + table);
      c.createStatement().execute("CREATE TABLE " + table + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(10))");
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (v) VALUES (?)",
          Statement.RETURN_GENERATED_KEYS)) {
        for (int i = 0; i < 50; i++) {
          insert.setString(1, "v" + i);
          insert.addBatch();
        }
        int[] counts = insert.executeBatch();
        assertEquals(50, counts.length);
        int ids = 0;
        try (ResultSet keys = insert.getGeneratedKeys()) {
          while (keys.next()) {
            ids++;
            assertEquals(ids, keys.getLong(1));
          }
        }
        assertEquals(50, ids);
      }
      try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*), MAX(id) FROM " + table)) {
        assertTrue(rs.next());
        assertEquals(50, rs.getInt(1));
        assertEquals(50, rs.getLong(2));
      }
    }
  }

  /** With rewriteBatchedStatements, a batch of UPDATEs goes as one multi-statement text (COM_SET_OPTION first). */
  @ParameterizedTest
  @CsvSource({"false,false", "false,true", "true,false", "true,true"})
  void batchUpdate(boolean rewrite, boolean serverPrepared) throws SQLException {
    try (Connection c = gateway.connectMysql("jtest",
        "rewriteBatchedStatements=" + rewrite + "&useServerPrepStmts=" + serverPrepared)) {
      String table = "upd_" + rewrite + "_" + serverPrepared;
      c.createStatement().execute("DROP TABLE IF EXISTS " + table);
      c.createStatement().execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v INT)");
      c.createStatement().execute("INSERT INTO " + table + " VALUES (1, 0), (2, 0), (3, 0)");
      try (PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET v = ? WHERE id = ?")) {
        for (int id = 1; id <= 4; id++) {
          update.setInt(1, id * 10);
          update.setInt(2, id);
          update.addBatch();
        }
        int[] counts = update.executeBatch();
        assertEquals(4, counts.length);
        assertEquals(0, counts[3]); // id 4 does not exist
      }
      try (Statement batch = c.createStatement()) {
        batch.addBatch("UPDATE " + table + " SET v = v + 1 WHERE id = 1");
        batch.addBatch("DELETE FROM " + table + " WHERE id = 3");
        assertArrayEquals(new int[] {1, 1}, batch.executeBatch());
      }
      try (ResultSet rs = c.createStatement().executeQuery("SELECT id, v FROM " + table + " ORDER BY id")) {
        assertTrue(rs.next());
        assertEquals(11, rs.getInt(2));
        assertTrue(rs.next());
        assertEquals(20, rs.getInt(2));
        assertFalse(rs.next());
      }
    }
  }

  /**
   * A server-prepared SELECT whose error comes after more rows than the gateway fetches from the
   * engine at once fails alone: the transaction and its earlier work stay, as in MySQL.
   */
  @Test
  void preparedResultFailingAfterItsFirstRowsKeepsTheTransaction() throws SQLException {
    try (Connection c = gateway.connectMysql("jtest", "useServerPrepStmts=true")) {
      c.createStatement().execute("DROP TABLE IF EXISTS late_failure");
      c.createStatement().execute("CREATE TABLE late_failure (id INT PRIMARY KEY)");
      c.createStatement().execute("INSERT INTO late_failure VALUES " + java.util.stream.IntStream
          .rangeClosed(1, 2500).mapToObj(i -> "(" + i + ")").collect(java.util.stream.Collectors.joining(",")));
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO late_failure VALUES (?)")) {
        insert.setInt(1, 9999);
        insert.executeUpdate();
      }
      // From id 1501 on the subquery returns two rows: an error after 1,500 good ones.
      try (PreparedStatement select = c.prepareStatement("SELECT t.id, (SELECT x.id FROM late_failure x "
          + "WHERE x.id <= t.id - ?) FROM late_failure t ORDER BY t.id")) {
        select.setInt(1, 1499);
        SQLException e = assertThrows(SQLException.class, () -> {
          try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
              rs.getInt(1);
            }
          }
        });
        assertEquals(1242, e.getErrorCode());
      }
      try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM late_failure")) {
        assertTrue(rs.next());
        assertEquals(2501, rs.getInt(1));
      }
      c.rollback();
      try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM late_failure")) {
        assertTrue(rs.next());
        assertEquals(2500, rs.getInt(1));
      }
    }
  }

  @Test
  void transactionsAndErrorsBehaveAsInMySql() throws SQLException {
    try (Connection c = gateway.connectMysql("jtest", "")) {
      c.createStatement().execute("DROP TABLE IF EXISTS tx");
      c.createStatement().execute("CREATE TABLE tx (id INT PRIMARY KEY)");
      c.setAutoCommit(false);
      c.createStatement().execute("INSERT INTO tx VALUES (1)");
      SQLException duplicate = assertThrows(SQLException.class,
          () -> c.createStatement().execute("INSERT INTO tx VALUES (1)"));
      assertEquals(1062, duplicate.getErrorCode());
      assertEquals("23000", duplicate.getSQLState());
      c.createStatement().execute("INSERT INTO tx VALUES (2)"); // the transaction is still usable
      c.commit();
      try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM tx")) {
        assertTrue(rs.next());
        assertEquals(2, rs.getInt(1));
      }
      SQLException missing = assertThrows(SQLException.class,
          () -> c.createStatement().executeQuery("SELECT * FROM no_such_table"));
      assertEquals(1146, missing.getErrorCode());
    }
  }
}
