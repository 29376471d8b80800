package wiregate.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PGobject;

/** pgjdbc, the real PostgreSQL JDBC driver with its default settings, against a running gateway. */
class PgjdbcCompatibilityTest {
  private static RunningGateway gateway;

  @BeforeAll
  static void start() throws Exception {
    gateway = RunningGateway.start();
  }

  @AfterAll
  static void stop() throws Exception {
    gateway.close();
  }

  /** Run more often than prepareThreshold (5), so both unnamed and server-prepared binary paths run. */
  @Test
  void preparedStatementRoundTripsEveryBasicType() throws Exception {
    try (Connection c = gateway.connect()) {
      for (int run = 0; run < 7; run++) {
        try (PreparedStatement ps = c.prepareStatement(
            "select ?::int2, ?::int4, ?::int8, ?::numeric, ?::float4, ?::float8, ?::bool, ?::text, ?::varchar,"
                + " ?::bytea, ?::date, ?::time, ?::timestamp, ?::timestamptz, ?::uuid, ?::jsonb, ?::int4[]")) {
          ps.setShort(1, Short.MIN_VALUE);
          ps.setInt(2, Integer.MAX_VALUE);
          ps.setLong(3, Long.MIN_VALUE + run);
          ps.setBigDecimal(4, new BigDecimal("-1234567890.0987654321"));
          ps.setFloat(5, 1.5f);
          ps.setDouble(6, 0.1);
          ps.setBoolean(7, true);
          ps.setString(8, "naïve ☃ 'q'");
          ps.setString(9, "v");
          ps.setBytes(10, new byte[] {0, 1, (byte) 0xff});
          ps.setDate(11, Date.valueOf("2024-02-29"));
          ps.setTime(12, Time.valueOf("23:59:58"));
          ps.setTimestamp(13, Timestamp.valueOf("1999-12-31 23:59:59.123456"));
          ps.setObject(14, OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
          UUID uuid = UUID.fromString("12345678-1234-5678-1234-567812345678");
          ps.setObject(15, uuid);
          PGobject json = new PGobject();
          json.setType("jsonb");
          json.setValue("{\"a\": [1, null]}");
          ps.setObject(16, json);
          ps.setArray(17, c.createArrayOf("int4", new Integer[] {1, null, 3}));
          try (ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            assertEquals(Short.MIN_VALUE, rs.getShort(1));
            assertEquals(Integer.MAX_VALUE, rs.getInt(2));
            assertEquals(Long.MIN_VALUE + run, rs.getLong(3));
            assertEquals(new BigDecimal("-1234567890.0987654321"), rs.getBigDecimal(4));
            assertEquals(1.5f, rs.getFloat(5));
            assertEquals(0.1, rs.getDouble(6));
            assertTrue(rs.getBoolean(7));
            assertEquals("naïve ☃ 'q'", rs.getString(8));
            assertEquals("v", rs.getString(9));
            assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, rs.getBytes(10));
            assertEquals(Date.valueOf("2024-02-29"), rs.getDate(11));
            assertEquals(Time.valueOf("23:59:58"), rs.getTime(12));
            assertEquals(Timestamp.valueOf("1999-12-31 23:59:59.123456"), rs.getTimestamp(13));
            assertEquals(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC),
                rs.getObject(14, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC));
            assertEquals(uuid, rs.getObject(15));
            assertEquals("{\"a\": [1, null]}", rs.getString(16));
            Array array = rs.getArray(17);
            assertArrayEquals(new Integer[] {1, null, 3}, (Integer[]) array.getArray());
            assertFalse(rs.next());
          }
        }
      }
    }
  }

  @Test
  void batchInsertAndGeneratedKeys() throws Exception {
    try (Connection c = gateway.connect(); Statement s = c.createStatement()) {
      s.execute("create temp table jb (id serial primary key, v text)");
      try (PreparedStatement ps = c.prepareStatement("insert into jb (v) values (?)")) {
        for (int i = 0; i < 100; i++) {
          ps.setString(1, "v" + i);
          ps.addBatch();
        }
        int[] counts = ps.executeBatch();
        assertEquals(100, counts.length);
        for (int count : counts) {
          assertEquals(1, count);
        }
      }
      try (PreparedStatement ps = c.prepareStatement("insert into jb (v) values (?)", Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, "keyed");
        assertEquals(1, ps.executeUpdate());
        try (ResultSet keys = ps.getGeneratedKeys()) {
          assertTrue(keys.next());
          assertEquals(101, keys.getInt("id"));
        }
      }
    }
  }

  @Test
  void fetchSizeStreamsThroughACursor() throws Exception {
    try (Connection c = gateway.connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("select g, repeat('x', 100) from generate_series(1, ?) g")) {
        ps.setFetchSize(500);
        ps.setInt(1, 20000);
        long sum = 0;
        int rows = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            sum += rs.getInt(1);
            rows++;
          }
        }
        assertEquals(20000, rows);
        assertEquals(20000L * 20001 / 2, sum);
      }
      c.commit();
    }
  }

  @Test
  void copyManagerBothWays() throws Exception {
    try (Connection c = gateway.connect(); Statement s = c.createStatement()) {
      s.execute("create temp table jc (id int, v text)");
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      StringBuilder data = new StringBuilder();
      for (int i = 0; i < 5000; i++) {
        data.append(i).append(",value ").append(i).append('\n');
      }
      assertEquals(5000, copy.copyIn("copy jc from stdin (format csv)", new StringReader(data.toString())));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertEquals(5000, copy.copyOut("copy (select * from jc order by id) to stdout (format csv)", out));
      assertEquals(data.toString(), out.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void databaseMetaDataSeesTablesAndColumns() throws Exception {
    try (Connection c = gateway.connect(); Statement s = c.createStatement()) {
      s.execute("drop table if exists jmeta; create table jmeta (id bigint primary key, name varchar(40) not null)");
      DatabaseMetaData meta = c.getMetaData();
      try (ResultSet tables = meta.getTables(null, "public", "jmeta", new String[] {"TABLE"})) {
        assertTrue(tables.next());
        assertEquals("jmeta", tables.getString("TABLE_NAME"));
      }
      try (ResultSet columns = meta.getColumns(null, "public", "jmeta", null)) {
        assertTrue(columns.next());
        assertEquals("id", columns.getString("COLUMN_NAME"));
        assertEquals("int8", columns.getString("TYPE_NAME"));
        assertTrue(columns.next());
        assertEquals("name", columns.getString("COLUMN_NAME"));
        assertEquals(40, columns.getInt("COLUMN_SIZE"));
        assertEquals(DatabaseMetaData.columnNoNulls, columns.getInt("NULLABLE"));
      }
      s.execute("drop table jmeta");
    }
  }

  @Test
  void errorsCarrySqlStateAndTheSessionGoesOn() throws Exception {
    try (Connection c = gateway.connect(); Statement s = c.createStatement()) {
      s.execute("create temp table je (id int primary key)");
      s.execute("insert into je values (1)");
      try (PreparedStatement ps = c.prepareStatement("insert into je values (?)")) {
        ps.setInt(1, 1);
        SQLException e = assertThrows(SQLException.class, ps::executeUpdate);
        assertEquals("23505", e.getSQLState());
      }
      c.setAutoCommit(false);
      assertThrows(SQLException.class, () -> s.execute("select 1/0"));
      c.rollback();
      try (ResultSet rs = s.executeQuery("select count(*) from je")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1));
      }
    }
  }

  @Test
  void simpleQueryModeWorksToo() throws Exception {
    Properties simple = new Properties();
    simple.setProperty("preferQueryMode", "simple");
    try (Connection c = gateway.connect(simple); PreparedStatement ps = c.prepareStatement("select ? || '!'")) {
      ps.setString(1, "hi");
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals("hi!", rs.getString(1));
      }
    }
  }
}
