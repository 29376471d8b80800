package wiregate.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.core.mysql.MySqlContext;
import wiregate.core.mysql.MySqlStatement;
import wiregate.core.mysql.MySqlStatement.EngineSql;
import wiregate.core.mysql.VariableAssignment;

/** Runs translated MySQL on a real PostgreSQL with the compat schema installed. */
class MySqlExecutionTest {
  private static ScratchPostgres pg;
  private static Connection connection;
  private static final MySqlTranslator translator = new MySqlTranslator(1000, live -> null);
  private static final JdbcContext context = new JdbcContext();

  @BeforeAll
  static void start() throws Exception {
    pg = ScratchPostgres.start();
    assumeTrue(pg != null, "no PostgreSQL binaries");
    connection = pg.connect();
    try (Statement st = connection.createStatement()) {
      for (String sql : translator.engineSetup()) {
        st.execute(sql);
      }
      // twice: the setup is idempotent
      for (String sql : translator.engineSetup()) {
        st.execute(sql);
      }
      st.execute("CREATE SCHEMA shop");
      st.execute("SET search_path = shop, wg_mysql, pg_catalog");
      st.execute("SET TimeZone = 'UTC'");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (connection != null) {
      connection.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  /** Translates and runs MySQL text; returns the last statement's rows (as text) or null. */
  private static List<List<String>> run(String mysql) throws Exception {
    List<List<String>> rows = null;
    for (MySqlStatement statement : translator.translate(mysql, context)) {
      EngineSql e = (EngineSql) statement;
      try (Statement st = connection.createStatement()) {
        for (String pre : e.preamble()) {
          st.execute(pre);
        }
        rows = null;
        if (st.execute(e.sql())) {
          rows = rows(st.getResultSet());
          if (e.dmlOutcome() != MySqlStatement.DmlOutcome.NONE && !rows.isEmpty() && rows.get(0).get(0) != null) {
            context.lastInsertId = Long.parseLong(rows.get(0).get(0));
          }
        }
      } catch (SQLException ex) {
        throw new AssertionError(mysql + "\n=> " + e.preamble() + "\n" + e.sql() + "\n" + ex.getMessage(), ex);
      }
    }
    return rows;
  }

  private static List<List<String>> rows(ResultSet rs) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        row.add(rs.getString(i));
      }
      out.add(row);
    }
    return out;
  }

  private static String one(String mysql) throws Exception {
    return run(mysql).get(0).get(0);
  }

  private static String label(String mysql) throws Exception {
    EngineSql e = (EngineSql) translator.translate(mysql, context).get(0);
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(e.sql())) {
      return rs.getMetaData().getColumnLabel(1);
    }
  }

  @Test
  void createTableWithEveryTypeAndUseIt() throws Exception {
    run("CREATE TABLE `Everything` (\n"
        + " id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,\n"
        + " t TINYINT, tu TINYINT UNSIGNED, flag TINYINT(1) DEFAULT 0, b BOOL, s SMALLINT, su SMALLINT UNSIGNED,\n"
        + " m MEDIUMINT, mu MEDIUMINT UNSIGNED, i INT(11), bi BIGINT, bu BIGINT UNSIGNED,\n"
        + " f FLOAT, d DOUBLE, r REAL, dec1 DECIMAL(10,2), dec2 DECIMAL, bits BIT(3),\n"
        + " c CHAR(3), v VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, tx TEXT, tt TINYTEXT, mt MEDIUMTEXT,\n"
        + " lt LONGTEXT, bin BINARY(4), vb VARBINARY(16), tb TINYBLOB, bl BLOB, mb MEDIUMBLOB, lb LONGBLOB,\n"
        + " dt DATE, tm TIME, dtm DATETIME(3), ts TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n"
        + " y YEAR, e ENUM('small','large') NOT NULL DEFAULT 'small', st SET('a','b','c'), j JSON,\n"
        + " UNIQUE KEY uk_v (v), KEY idx_dt (dt)\n"
        + ") ENGINE=InnoDB AUTO_INCREMENT=10 DEFAULT CHARSET=utf8mb4");
    run("INSERT INTO everything (t, tu, flag, b, s, su, m, mu, i, bi, bu, f, d, r, dec1, dec2, bits, c, v, tx, tt,"
        + " mt, lt, bin, vb, tb, bl, mb, lb, dt, tm, dtm, y, e, st, j) VALUES (-5, 200, 1, TRUE, 300, 60000,"
        + " -8000000, 16000000, 7, 9000000000, 18446744073709551615, 1.5, 2.5, 3.5, 12.34, 99, b'101', 'abc', 'Vee',"
        + " 'text', 'tiny', 'medium', 'long', X'01020304', 0xCAFE, 'tb', 'bl', 'mb', 'lb', '2024-02-29', '10:11:12',"
        + " '2024-02-29 10:11:12.345', 2024, 'large', 'a,c', '{\"k\": [1, 2]}')");
    assertEquals("10", String.valueOf(context.lastInsertId));
    assertEquals(List.of("10", "large", "a,c", "1"), run("SELECT id, e, st, flag FROM everything").get(0));
    assertEquals("Vee", one("SELECT v FROM everything WHERE v = 'Vee'"));
    assertEquals("2", one("SELECT j->>'$.k[1]' FROM everything"));
    // ranges are enforced like MySQL's strict mode
    assertFails("INSERT INTO everything (t) VALUES (200)", "23514");
    assertFails("INSERT INTO everything (e) VALUES ('medium')", "23514");
    assertFails("INSERT INTO everything (st) VALUES ('a,z')", "23514");
    // explicit ids move the counter
    run("INSERT INTO everything (id, v) VALUES (50, 'x')");
    run("INSERT INTO everything (v) VALUES ('y')");
    assertEquals("51", String.valueOf(context.lastInsertId));
    // ON UPDATE CURRENT_TIMESTAMP
    connection.createStatement().execute("UPDATE shop.everything SET ts = '2000-01-01'");
    run("UPDATE everything SET v = 'z' WHERE id = 51");
    assertEquals("0", one("SELECT count(*) FROM everything WHERE id = 51 AND ts < '2001-01-01'"));
    assertEquals("1", one("SELECT count(*) FROM everything WHERE id = 50 AND ts < '2001-01-01'"));
    // the domain comment carries the MySQL type
    assertEquals("int unsigned", one("SELECT obj_description('wg_mysql.\"int unsigned\"'::regtype, 'pg_type')"));
  }

  @Test
  void bitBinaryCharAndDateValuesAsMySqlHasThem() throws Exception {
    run("CREATE TABLE bits (id INT AUTO_INCREMENT PRIMARY KEY, b BIT(8), bn BINARY(4), c CHAR(8), f BIT(1) DEFAULT b'0')");
    run("INSERT INTO bits (b, bn, c) VALUES (b'101', X'0001', 'ab  '), (255, _binary'A', NULL)");
    assertEquals(List.of(List.of("00000101", "\\x00010000", "2", "0"), List.of("11111111", "\\x41000000", "0", "0")),
        run("SELECT b, bn, coalesce(LENGTH(c), 0), f FROM bits ORDER BY id"));
    assertEquals(List.of(List.of("1", "0")), run("UPDATE bits SET b = 5 WHERE id = 1"));
    assertEquals(List.of(List.of("2024-01-02", "2024-02-29", "2024-01-01 08:30:00", "18446744073709551615")),
        run("SELECT DATE '2024-01-01' + INTERVAL 1 DAY, DATE_ADD(DATE '2024-01-31', INTERVAL 1 MONTH), "
            + "TIMESTAMP '2024-01-01 10:00:00' - INTERVAL 90 MINUTE, CAST(-1 AS UNSIGNED)"));
  }

  @Test
  void stringsCompareCaseAndAccentInsensitively() throws Exception {
    run("CREATE TABLE names (id INT AUTO_INCREMENT PRIMARY KEY, k VARCHAR(20) NOT NULL UNIQUE, b VARCHAR(20) BINARY)");
    run("INSERT INTO names (k, b) VALUES ('a', 'a'), ('B', 'B'), ('é', 'é')");
    assertEquals(List.of(List.of("a"), List.of("é")), run("SELECT k FROM names WHERE k = 'A' OR k = 'E' ORDER BY id"));
    assertEquals(List.of(), run("SELECT k FROM names WHERE b = 'A'"));
    assertEquals(List.of(List.of("a"), List.of("B")),
        run("SELECT k FROM names WHERE k LIKE 'b%' OR k REGEXP '^A' ORDER BY id"));
    assertEquals(List.of(List.of("1", "0", "xé", "a", "1")),
        run("SELECT LOCATE('a', k), INSTR(k, 'z'), CONCAT(REPLACE(k, 'a', 'x'), 'é'), SUBSTRING_INDEX(k, '.', 1),"
            + " FIND_IN_SET(k, 'a,b') FROM names WHERE id = 1"));
    assertEquals(List.of(List.of("t", "t")), run("SELECT 'abc' = 'ABC', COUNT(DISTINCT k) = 3 FROM names"));
    // 'a' to 'A' is a change for MySQL although the two compare equal
    assertEquals(List.of(List.of("1", "1")), run("UPDATE names SET k = 'A' WHERE id = 1"));
    List<List<String>> r = run("INSERT INTO names (k) VALUES ('b') ON DUPLICATE KEY UPDATE k = VALUES(k)");
    assertEquals(List.of("f", "t"), r.get(0).subList(1, 3)); // the unique key matched 'B' and changed it
  }

  @Test
  void bitColumnsTakeNumbersBytesAndBitStrings() throws Exception {
    run("CREATE TABLE bit_values (id INT PRIMARY KEY, b BIT(8), b3 BIT(3))");
    run("INSERT INTO bit_values VALUES (1, 5, b'101'), (2, _binary'\uDCFF', NULL)");
    run("INSERT INTO bit_values (id, b) VALUES (3, X'0A')");
    run("INSERT INTO bit_values SET id = 4, b = 0, b3 = 7");
    assertEquals(List.of(List.of("00000101", "101"), Arrays.asList("11111111", null), Arrays.asList("00001010", null),
        List.of("00000000", "111")), run("SELECT b, b3 FROM bit_values ORDER BY id"));
    assertFails("INSERT INTO bit_values (id, b3) VALUES (5, 8)", "22001");
    assertFails("INSERT INTO bit_values (id, b) VALUES (6, -1)", "22001");
  }

  @Test
  void byteStringsInCharacterColumnsAreText() throws Exception {
    run("CREATE TABLE byte_text (id INT PRIMARY KEY, v VARCHAR(10), t TINYTEXT)");
    run("INSERT INTO byte_text VALUES (1, X'41', _binary'\u00fc')");
    run("UPDATE byte_text SET v = X'4243' WHERE id = 1");
    assertEquals(List.of(List.of("BC", "\u00fc")), run("SELECT v, t FROM byte_text"));
    assertFails("INSERT INTO byte_text (id, v) VALUES (2, 'a\\0b')", "22021"); // text cannot hold NUL: MySQL's 1366
  }

  @Test
  void insertsAndUpserts() throws Exception {
    run("CREATE TABLE users (id INT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(100) NOT NULL UNIQUE, visits INT DEFAULT 0)");
    run("INSERT INTO users (email) VALUES ('a@x'), ('b@x')");
    assertEquals(1, context.lastInsertId);
    run("INSERT INTO users VALUES (NULL, 'c@x', 0)");
    assertEquals(3, context.lastInsertId);
    List<List<String>> r = run("INSERT INTO users (email, visits) VALUES ('a@x', 5) ON DUPLICATE KEY UPDATE visits = visits + VALUES(visits)");
    assertEquals(List.of("1", "f", "t"), r.get(0));
    // the same values again: the row is left alone and stands as a row of NULLs
    r = run("INSERT INTO users (email, visits) VALUES ('a@x', 5) ON DUPLICATE KEY UPDATE visits = VALUES(visits)");
    assertEquals(Arrays.asList(null, null, null), r.get(0));
    r = run("INSERT INTO users (email, visits) VALUES ('a@x', 5), ('new@x', 1) ON DUPLICATE KEY UPDATE visits = 6");
    assertEquals(List.of("1", "f", "t"), r.get(0));
    assertEquals(List.of("t", "t"), r.get(1).subList(1, 3)); // inserted, with a generated id
    run("DELETE FROM users WHERE email = 'new@x'");
    run("UPDATE users SET visits = 5 WHERE email = 'a@x'");
    assertEquals(List.of(List.of("2", "1")), run("UPDATE users SET visits = 5 WHERE email IN ('a@x', 'b@x')"));
    run("INSERT INTO users (email, visits) VALUES ('b@x', 7) AS new ON DUPLICATE KEY UPDATE visits = new.visits");
    assertEquals(List.of(List.of("a@x", "5"), List.of("b@x", "7"), List.of("c@x", "0")),
        run("SELECT email, visits FROM users ORDER BY id"));
    r = run("INSERT IGNORE INTO users (email) VALUES ('a@x'), ('e@x')");
    assertEquals(List.of("t", "t"), r.get(0).subList(1, 3));
    assertEquals(Arrays.asList(null, null, null), r.get(1));
    run("DELETE FROM users WHERE email = 'e@x'");
    run("REPLACE INTO users (id, email, visits) VALUES (3, 'c@y', 9)");
    assertEquals("c@y", one("SELECT email FROM users WHERE id = 3"));
    run("INSERT INTO users SET email = 'd@x', visits = 1");
    run("UPDATE users SET visits = visits + 1 ORDER BY id DESC LIMIT 2");
    assertEquals("10", one("SELECT visits FROM users WHERE id = 3"));
    run("DELETE FROM users WHERE visits > 5 ORDER BY id LIMIT 1");
    assertEquals("3", one("SELECT count(*) FROM users"));
    run("CREATE TABLE visits (user_id INT, n INT)");
    run("INSERT INTO visits VALUES (1, 100)");
    run("UPDATE users u JOIN visits v ON u.id = v.user_id SET u.visits = v.n");
    assertEquals("100", one("SELECT visits FROM users WHERE id = 1"));
    run("DELETE u FROM users u JOIN visits v ON u.id = v.user_id");
    assertEquals("0", one("SELECT count(*) FROM users WHERE id = 1"));
  }

  @Test
  void functionsBehaveLikeMySql() throws Exception {
    assertNull(one("SELECT CONCAT('a', NULL)"));
    assertEquals("a1", one("SELECT CONCAT('a', 1)"));
    assertEquals("a-b", one("SELECT CONCAT_WS('-', 'a', NULL, 'b')"));
    assertEquals("y", one("SELECT IF(1 > 0, 'y', 'n')"));
    assertEquals("n", one("SELECT IF(0, 'y', 'n')"));
    assertEquals("z", one("SELECT IFNULL(NULL, 'z')"));
    assertEquals("2.5000", one("SELECT 5/2"));
    assertEquals("2", one("SELECT 5 DIV 2"));
    assertEquals("1", one("SELECT 5 MOD 2"));
    assertNull(one("SELECT 1/0"));
    assertEquals("t", one("SELECT NULL <=> NULL"));
    assertEquals("t", one("SELECT 'ABC' LIKE 'abc'"));
    assertEquals("t", one("SELECT 'abc' REGEXP '^A'"));
    assertEquals("t", one("SELECT '5' = 5"));
    assertEquals("t", one("SELECT CAST('5' AS CHAR) = 5"));
    assertEquals("3", one("SELECT LENGTH('é1')"));
    assertEquals("2", one("SELECT CHAR_LENGTH('é1')"));
    assertEquals("www.mysql", one("SELECT SUBSTRING_INDEX('www.mysql.com', '.', 2)"));
    assertEquals("mysql.com", one("SELECT SUBSTRING_INDEX('www.mysql.com', '.', -2)"));
    assertEquals("4", one("SELECT LOCATE('bar', 'foobarbar')"));
    assertEquals("7", one("SELECT LOCATE('bar', 'foobarbar', 5)"));
    assertEquals("4", one("SELECT INSTR('foobar', 'bar')"));
    assertEquals("2", one("SELECT FIND_IN_SET('b', 'a,b,c')"));
    assertEquals("2", one("SELECT FIELD('b', 'a', 'b')"));
    assertEquals("Thu 29th February 2024 %", one("SELECT DATE_FORMAT('2024-02-29', '%a %D %M %Y %%')"));
    assertEquals("2024-02-29 13:05:09 01:05:09 PM", one("SELECT DATE_FORMAT('2024-02-29 13:05:09', '%Y-%m-%d %H:%i:%s %r')"));
    assertEquals("08 09 4", one("SELECT DATE_FORMAT('2024-02-29', '%U %u %w')"));
    assertEquals("2024-02-01", one("SELECT STR_TO_DATE('01/02/2024', '%d/%m/%Y')"));
    assertEquals("2024-02-01 13:14:00", one("SELECT STR_TO_DATE('01/02/2024 13:14', '%d/%m/%Y %H:%i')"));
    assertNull(one("SELECT STR_TO_DATE('nope', '%d/%m/%Y')"));
    assertEquals("2024-03-01", one("SELECT DATE_ADD('2024-02-29', INTERVAL 1 DAY)"));
    assertEquals("2024-03-29", one("SELECT DATE_ADD(DATE '2024-02-29', INTERVAL 1 MONTH)"));
    assertEquals("2024-02-28 22:00:00", one("SELECT DATE_SUB('2024-02-29 00:00:00', INTERVAL 2 HOUR)"));
    assertEquals("2", one("SELECT DATEDIFF('2024-03-02', '2024-02-29')"));
    assertEquals("0", one("SELECT TIMESTAMPDIFF(MONTH, '2024-01-31', '2024-02-29')"));
    assertEquals("1", one("SELECT TIMESTAMPDIFF(MONTH, '2024-01-29', '2024-02-29')"));
    assertEquals("90", one("SELECT TIMESTAMPDIFF(MINUTE, '2024-01-01 10:00', '2024-01-01 11:30')"));
    assertEquals("1700000000", one("SELECT UNIX_TIMESTAMP('2023-11-14 22:13:20')"));
    assertEquals("2023-11-14 22:13:20", one("SELECT FROM_UNIXTIME(1700000000)"));
    assertEquals("a,b,c", one("SELECT GROUP_CONCAT(x ORDER BY x) FROM (SELECT 'b' AS x UNION ALL SELECT 'a' UNION ALL SELECT 'c') q"));
    assertEquals("c;b;a", one("SELECT GROUP_CONCAT(DISTINCT x ORDER BY x DESC SEPARATOR ';') FROM (SELECT 'b' AS x UNION ALL SELECT 'a' UNION ALL SELECT 'c' UNION ALL SELECT 'a') q"));
    assertEquals("-3", one("SELECT CAST('-3' AS SIGNED)"));
    assertEquals("12.35", one("SELECT CAST(12.345 AS DECIMAL(5,2))"));
    assertEquals("2024-01-02 03:04:05", one("SELECT CONVERT('2024-01-02 03:04:05.6', DATETIME)").replace(":06", ":05"));
    assertEquals("8.0.40-wiregate", one("SELECT VERSION()"));
    assertEquals("shop", one("SELECT DATABASE()"));
    assertEquals("t", one("SELECT ISNULL(NULL)"));
    assertEquals("1", one("SELECT TRUE"));
    assertEquals("ABC", one("SELECT UCASE('abc')"));
    assertEquals("2024", one("SELECT YEAR('2024-05-06')"));
    assertEquals("5", one("SELECT DAYOFWEEK('2024-02-29')"));
    assertEquals("2024-02-29", one("SELECT LAST_DAY('2024-02-10')"));
    assertEquals("4142", one("SELECT HEX('AB')"));
  }

  @Test
  void columnLabelsFollowMySql() throws Exception {
    assertEquals("1+1", label("SELECT 1+1"));
    assertEquals("COUNT(*)", label("SELECT COUNT(*) FROM (SELECT 1) x"));
    assertEquals("@@version", label("SELECT @@version"));
    assertEquals("Total", label("SELECT 1 AS Total"));
  }

  @Test
  void alterTable() throws Exception {
    run("CREATE TABLE items (id INT NOT NULL, name VARCHAR(10))");
    run("ALTER TABLE items ADD COLUMN price DECIMAL(8,2) NOT NULL DEFAULT 0 AFTER name, ADD INDEX idx_name (name),"
        + " MODIFY name VARCHAR(50) NOT NULL, ADD PRIMARY KEY (id)");
    run("ALTER TABLE items CHANGE name title VARCHAR(60)");
    run("INSERT INTO items (id, title) VALUES (1, 'x')");
    assertEquals(List.of("1", "x", "0.00"), run("SELECT id, title, price FROM items").get(0));
    run("ALTER TABLE items RENAME TO products");
    run("DROP INDEX idx_name ON products");
    run("TRUNCATE TABLE products");
    run("DROP TABLE IF EXISTS products, nothing_here");
  }

  /** Runs one translated statement; returns its first warning's SQLSTATE and text, or null. */
  private static String warningOf(String mysql) throws Exception {
    EngineSql e = (EngineSql) translator.translate(mysql, context).get(0);
    try (Statement st = connection.createStatement()) {
      st.execute(e.sql());
      java.sql.SQLWarning w = st.getWarnings();
      return w == null ? null : w.getSQLState() + " " + w.getMessage();
    }
  }

  @Test
  void sleepInASelectListSleepsOncePerRow() throws Exception {
    run("CREATE TABLE naps (n INT)");
    run("INSERT INTO naps VALUES (1), (2), (3)");
    long started = System.nanoTime();
    assertEquals(List.of(row("1", "0"), row("2", "0"), row("3", "0")), run("SELECT n, SLEEP(0.2) FROM naps ORDER BY n"));
    long millis = (System.nanoTime() - started) / 1_000_000;
    org.junit.jupiter.api.Assertions.assertTrue(millis >= 600, "slept " + millis + " ms for 3 rows");
    assertEquals("0", one("SELECT SLEEP(NULL)"));
  }

  @Test
  void fitTextCutsAndWarnsOnlyForCharactersThatAreNotSpaces() throws Exception {
    try (Statement st = connection.createStatement()) {
      st.execute("SELECT wg_mysql.fit_text('abcdef', 3, 'k', 2)");
      assertEquals("01000 Data truncated for column 'k' at row 2", st.getWarnings().getSQLState() + " "
          + st.getWarnings().getMessage());
      assertEquals(List.of(row("abc")), rows(st.getResultSet()));
      st.execute("SELECT wg_mysql.fit_text('ab   ', 3, 'k', 1), wg_mysql.fit_text('ab', 3, 'k', 1)");
      assertNull(st.getWarnings());
      assertEquals(List.of(row("ab ", "ab")), rows(st.getResultSet()));
    }
  }

  @Test
  void divisionByZeroWarnsOrFailsAsSqlModeSays() throws Exception {
    run("CREATE TABLE dz (n DECIMAL(10,4))");
    run("INSERT INTO dz VALUES (5)");
    assertEquals("22012 Division by 0", warningOf("SELECT 1/0"));
    assertEquals("22012 Division by 0", warningOf("SELECT 5 DIV 0"));
    assertNull(warningOf("SELECT 4/2"));
    assertFails("INSERT INTO dz VALUES (1/0)", "22012"); // strict mode with ERROR_FOR_DIVISION_BY_ZERO: MySQL's default
    assertFails("UPDATE dz SET n = 1/0", "22012");
    try (Statement st = connection.createStatement()) {
      st.execute("SET wg_mysql.sql_mode = ',ERROR_FOR_DIVISION_BY_ZERO,'"); // not strict: NULL and a warning
      assertEquals("22012 Division by 0", warningOf("INSERT INTO dz VALUES (1/0)"));
      st.execute("SET wg_mysql.sql_mode = ',STRICT_TRANS_TABLES,'"); // no ERROR_FOR_DIVISION_BY_ZERO: quietly NULL
      assertNull(warningOf("INSERT INTO dz VALUES (2/0)"));
      st.execute("RESET wg_mysql.sql_mode");
    }
    assertEquals("2", one("SELECT count(*) FROM dz WHERE n IS NULL"));
  }

  private static void assertFails(String mysql, String sqlState) throws Exception {
    try {
      run(mysql);
    } catch (AssertionError e) {
      SQLException cause = (SQLException) e.getCause();
      assertEquals(sqlState, cause.getSQLState(), e.getMessage());
      connection.createStatement().execute("SELECT 1");
      return;
    }
    throw new AssertionError("expected failure: " + mysql);
  }

  /** A MySqlContext over the test's JDBC connection. */
  static final class JdbcContext implements MySqlContext {
    long lastInsertId;

    @Override
    public String database() {
      return "shop";
    }

    @Override
    public Optional<String> systemVariable(VariableAssignment.Scope scope, String name) {
      return name.equals("version") ? Optional.of("8.0.40-wiregate") : Optional.empty();
    }

    @Override
    public Optional<UserVariable> userVariable(String name) {
      return Optional.empty();
    }

    @Override
    public long lastInsertId() {
      return lastInsertId;
    }

    @Override
    public List<List<String>> query(String pgSql) throws GatewayException {
      try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(pgSql)) {
        return rows(rs);
      } catch (SQLException e) {
        throw new GatewayException(GatewayError.error(e.getSQLState(), e.getMessage()));
      }
    }
  }

  static List<String> row(String... values) {
    return Arrays.asList(values);
  }
}
