package wiregate.mysql.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import wiregate.core.model.GatewayError;

/** Error texts below are what PostgreSQL 15 really reports (captured with psql, VERBOSITY verbose). */
class MySqlErrorMapTest {
  private final MySqlErrorMap map = MySqlErrorMap.standard();

  private static GatewayError pg(String sqlState, String message, String detail, String schema, String table,
      String column, String dataType, String constraint) {
    return new GatewayError("ERROR", sqlState, message, detail, null, null, null, null, null, schema, table, column,
        dataType, constraint, null, null, null);
  }

  private static GatewayError at(GatewayError e, int position) {
    return new GatewayError(e.severity(), e.sqlState(), e.message(), e.detail(), e.hint(), position, null, null, null,
        e.schema(), e.table(), e.column(), e.dataType(), e.constraint(), null, null, null);
  }

  private static GatewayError pg(String sqlState, String message) {
    return GatewayError.error(sqlState, message);
  }

  private void assertMaps(GatewayError error, int errno, String sqlState, String message) {
    assertEquals(new MySqlError(errno, sqlState, message), map.map(error, "testdb"));
  }

  @Test
  void duplicateKeyNamesTheIndexLikeMySql() {
    assertMaps(pg("23505", "duplicate key value violates unique constraint \"t_pkey\"", "Key (id)=(5) already exists.",
        "testdb", "t", null, null, "t_pkey"), 1062, "23000", "Duplicate entry '5' for key 't.PRIMARY'");
    assertMaps(pg("23505", "duplicate key value violates unique constraint \"t_name_idx\"",
        "Key (name)=(a) already exists.", "testdb", "t", null, null, "t_name_idx"),
        1062, "23000", "Duplicate entry 'a' for key 't.name_idx'");
    assertMaps(pg("23505", "duplicate key value violates unique constraint \"t_a_b\"",
        "Key (a, b)=(1, 2) already exists.", "testdb", "t", null, null, "t_a_b"),
        1062, "23000", "Duplicate entry '1-2' for key 't.a_b'");
  }

  @Test
  void duplicateKeyWithoutFieldsStillGetsItsNumber() {
    MySqlError error = map.map(pg("23505", "duplicate key value violates unique constraint \"t_pkey\""), "testdb");
    assertEquals(1062, error.errno());
    assertTrue(error.message().startsWith("Duplicate entry"), error.message());
  }

  @Test
  void missingTablesAndColumns() {
    assertMaps(pg("42P01", "relation \"nosuch\" does not exist"), 1146, "42S02", "Table 'testdb.nosuch' doesn't exist");
    assertMaps(pg("42P01", "relation \"other.nosuch\" does not exist"), 1146, "42S02",
        "Table 'other.nosuch' doesn't exist");
    assertMaps(pg("42P01", "table \"nosuch\" does not exist"), 1051, "42S02", "Unknown table 'testdb.nosuch'");
    assertMaps(pg("42P01", "Table 'testdb.users' doesn't exist"), 1146, "42S02", "Table 'testdb.users' doesn't exist");
    assertMaps(pg("42703", "column \"nocol\" does not exist"), 1054, "42S22", "Unknown column 'nocol' in 'field list'");
    assertMaps(pg("42703", "column t.nocol does not exist"), 1054, "42S22", "Unknown column 't.nocol' in 'field list'");
    assertMaps(pg("42703", "column \"x\" of relation \"t\" does not exist"), 1091, "42000",
        "Can't DROP 'x'; check that column/key exists");
  }

  @Test
  void foreignKeysAreDescribedFromTheCatalog() {
    ErrorContext context = new ErrorContext("testdb", "x", "x", sql -> sql.contains("pg_constraint")
        && sql.contains("c.conname = 'child_pid_fkey' AND cl.relname = 'child' AND n.nspname = 'testdb'")
        ? List.of(List.of("testdb", "parent", "`pid`", "`id`")) : List.of());
    assertEquals(new MySqlError(1452, "23000", "Cannot add or update a child row: a foreign key constraint fails"
            + " (`testdb`.`child`, CONSTRAINT `child_pid_fkey` FOREIGN KEY (`pid`) REFERENCES `parent` (`id`))"),
        map.map(pg("23503", "insert or update on table \"child\" violates foreign key constraint \"child_pid_fkey\"",
            "Key (pid)=(42) is not present in table \"parent\".", "testdb", "child", null, null, "child_pid_fkey"),
            context));
    assertEquals(new MySqlError(1451, "23000", "Cannot delete or update a parent row: a foreign key constraint fails"
            + " (`testdb`.`child`, CONSTRAINT `child_pid_fkey` FOREIGN KEY (`pid`) REFERENCES `parent` (`id`))"),
        map.map(pg("23503", "update or delete on table \"parent\" violates foreign key constraint \"child_pid_fkey\""
            + " on table \"child\"", "Key (id)=(1) is still referenced from table \"child\".", "testdb", "child", null,
            null, "child_pid_fkey"), context));
  }

  @Test
  void foreignKeysOfAnotherDatabaseAreQualified() {
    ErrorContext context = new ErrorContext("testdb", "x", "x",
        sql -> List.of(List.of("other", "parent", "`a`, `b`", "`x`, `y`")));
    assertEquals("Cannot add or update a child row: a foreign key constraint fails (`testdb`.`child`, CONSTRAINT `fk`"
            + " FOREIGN KEY (`a`, `b`) REFERENCES `other`.`parent` (`x`, `y`))",
        map.map(pg("23503", "insert or update on table \"child\" violates foreign key constraint \"fk\"",
            null, "testdb", "child", null, null, "fk"), context).message());
  }

  @Test
  void foreignKeysWithoutTheCatalogQuoteThePostgreSqlMessage() {
    assertMaps(pg("23503", "insert or update on table \"child\" violates foreign key constraint \"child_pid_fkey\"",
        "Key (pid)=(42) is not present in table \"parent\".", "testdb", "child", null, null, "child_pid_fkey"),
        1452, "23000", "Cannot add or update a child row: a foreign key constraint fails (insert or update on table"
            + " \"child\" violates foreign key constraint \"child_pid_fkey\")");
  }

  @Test
  void dataErrors() {
    assertMaps(pg("23502", "null value in column \"name\" of relation \"t\" violates not-null constraint",
        "Failing row contains (8, null, 4, 1).", "testdb", "t", "name", null, null),
        1048, "23000", "Column 'name' cannot be null");
    assertMaps(pg("22001", "value too long for type character varying(5)"), 1406, "22001",
        "Data too long for column (value too long for type character varying(5)) at row 1");
    assertMaps(pg("22001", "value too long for type character varying(5)", null, null, null, "name", null, null),
        1406, "22001", "Data too long for column 'name' at row 1");
    assertMaps(pg("22003", "smallint out of range"), 1264, "22003", "Out of range value for column (smallint out of range) at row 1");
    assertMaps(pg("22P02", "invalid input syntax for type integer: \"abc\""), 1366, "HY000", "Incorrect integer value: 'abc'");
    assertMaps(pg("22007", "invalid input syntax for type date: \"x\""), 1292, "22007", "Incorrect date value: 'x'");
    assertMaps(pg("22008", "date/time field value out of range: \"2020-13-45\""), 1292, "22007",
        "Incorrect datetime value: '2020-13-45'");
    assertMaps(pg("22012", "division by zero"), 1365, "22012", "Division by 0");
    assertMaps(pg("21000", "more than one row returned by a subquery used as an expression"), 1242, "21000",
        "Subquery returns more than 1 row");
  }

  @Test
  void domainChecksBecomeTruncationOrRangeErrors() {
    assertMaps(pg("23514", "value for domain wg_mysql.\"enum('small','large')\" violates check constraint"
            + " \"enum('small','large')_check\"", null, "wg_mysql", null, null, "enum('small','large')",
        "enum('small','large')_check"),
        1265, "01000", "Data truncated for column (value not allowed for enum('small','large')) at row 1");
    assertMaps(pg("23514", "value for domain wg_mysql.\"int unsigned\" violates check constraint \"int unsigned_check\"",
        null, "wg_mysql", null, "n", "int unsigned", "int unsigned_check"),
        1264, "22003", "Out of range value for column 'n' at row 1");
    assertMaps(pg("23514", "new row for relation \"ck\" violates check constraint \"ck_x_check\"",
        "Failing row contains (-1).", "testdb", "ck", null, null, "ck_x_check"),
        3819, "HY000", "Check constraint 'ck_x_check' is violated.");
  }

  @Test
  void concurrencyAndInterrupts() {
    assertMaps(pg("40P01", "deadlock detected"), 1213, "40001",
        "Deadlock found when trying to get lock; try restarting transaction");
    assertMaps(pg("55P03", "canceling statement due to lock timeout"), 1205, "HY000",
        "Lock wait timeout exceeded; try restarting transaction");
    assertMaps(pg("55P03", "could not obtain lock on row in relation \"customers\""), 3572, "HY000",
        "Statement aborted because lock(s) could not be acquired immediately and NOWAIT is set.");
    assertMaps(pg("57014", "canceling statement due to user request"), 1317, "70100", "Query execution was interrupted");
    assertMaps(pg("57014", "canceling statement due to statement timeout"), 3024, "HY000",
        "Query execution was interrupted, maximum statement execution time exceeded");
  }

  @Test
  void databasesAndDdl() {
    assertMaps(pg("3F000", "no schema has been selected to create in"), 1046, "3D000", "No database selected");
    assertMaps(pg("3D000", "No database selected"), 1046, "3D000", "No database selected");
    assertMaps(pg("3F000", "schema \"nosuch\" does not exist"), 1049, "42000", "Unknown database 'nosuch'");
    assertMaps(pg("3F000", "Unknown database 'nosuch'"), 1049, "42000", "Unknown database 'nosuch'");
    assertMaps(pg("42P07", "relation \"t\" already exists"), 1050, "42S01", "Table 't' already exists");
    assertMaps(pg("42P06", "schema \"testdb\" already exists"), 1007, "HY000",
        "Can't create database 'testdb'; database exists");
    assertMaps(pg("42701", "column \"name\" of relation \"t\" already exists"), 1060, "42S21",
        "Duplicate column name 'name'");
    assertMaps(pg("42883", "function nofunc(integer) does not exist"), 1305, "42000", "FUNCTION testdb.nofunc does not exist");
    assertMaps(pg("2BP01", "cannot drop table shop.customers because other objects depend on it"), 3730, "HY000",
        "Cannot drop table 'shop.customers' referenced by a foreign key constraint.");
  }

  @Test
  void syntaxErrors() {
    String mysql = "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server"
        + " version for the right syntax to use near 'FROM' at line 1";
    assertMaps(pg("42601", mysql), 1064, "42000", mysql);
    assertMaps(pg("42601", "syntax error at or near \"selec\""), 1064, "42000",
        "You have an error in your SQL syntax; syntax error at or near \"selec\"");
  }

  @Test
  void engineSyntaxErrorsQuoteTheClientsText() {
    String manual = "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server"
        + " version for the right syntax to use near ";
    assertEquals(new MySqlError(1064, "42000", manual + "'FROM WHERE' at line 1"),
        map.map(at(pg("42601", "syntax error at or near \"FROM\""), 15),
            new ErrorContext("testdb", "SELECT * FROM FROM WHERE", "SELECT * FROM FROM WHERE", null)));
    assertEquals(manual + "'WHERE\nx' at line 2", map.map(at(pg("42601", "syntax error at or near \"WHERE\""), 22),
        new ErrorContext("testdb", "SELECT 1\nFROM WHERE\nx", "SELECT 1 AS \"1\" FROM WHERE x", null)).message());
    assertEquals(manual + "'' at line 1", map.map(at(pg("42601", "syntax error at end of input"), 14),
        new ErrorContext("testdb", "SELECT * FROM", "SELECT * FROM", null)).message());
    // The engine stops at the alias the translation added: MySQL stops at the end of the client's text.
    assertEquals(manual + "'' at line 1", map.map(at(pg("42601", "syntax error at or near \"AS\""), 12),
        new ErrorContext("testdb", "SELECT 1 +", "SELECT 1 + AS \"1 +\"", null)).message());
    String longText = "SELECT * FROM FROM " + "x".repeat(100);
    assertEquals(manual + "'" + ("FROM " + "x".repeat(100)).substring(0, 80) + "' at line 1",
        map.map(at(pg("42601", "syntax error at or near \"FROM\""), 15),
            new ErrorContext("testdb", longText, longText, null)).message());
  }

  @Test
  void unknownAndAmbiguousColumnsNameTheClause() {
    assertEquals(new MySqlError(1054, "42S22", "Unknown column 'nope' in 'where clause'"),
        map.map(at(pg("42703", "column \"nope\" does not exist"), 23),
            new ErrorContext("testdb", "x", "SELECT * FROM t WHERE nope = 1", null)));
    assertEquals("Unknown column 'nope' in 'order clause'", map.map(at(pg("42703", "column \"nope\" does not exist"), 26),
        new ErrorContext("testdb", "x", "SELECT * FROM t ORDER BY nope", null)).message());
    assertEquals("Unknown column 'nope' in 'on clause'", map.map(at(pg("42703", "column \"nope\" does not exist"), 27),
        new ErrorContext("testdb", "x", "SELECT * FROM t JOIN u ON (nope = 1)", null)).message());
    assertEquals("Unknown column 'nope' in 'field list'", map.map(at(pg("42703", "column \"nope\" does not exist"), 38),
        new ErrorContext("testdb", "x", "SELECT * FROM t WHERE id IN (SELECT nope FROM u)", null)).message());
    assertEquals(new MySqlError(1054, "42S22", "Unknown column 'nope' in 'field list'"),
        map.map(at(pg("42703", "column \"nope\" of relation \"t\" does not exist"), 19),
            new ErrorContext("testdb", "x", "INSERT INTO t (id, nope) VALUES (1, 2)", null)));
    assertEquals(new MySqlError(1052, "23000", "Column 'id' in field list is ambiguous"),
        map.map(at(pg("42702", "column reference \"id\" is ambiguous"), 8),
            new ErrorContext("testdb", "x", "SELECT id FROM t, u", null)));
    assertEquals("Column 'id' in where clause is ambiguous", map.map(at(pg("42702", "column reference \"id\" is ambiguous"),
        30), new ErrorContext("testdb", "x", "SELECT 1 FROM t, u WHERE id = 1", null)).message());
  }

  @Test
  void columnCountAndReadOnlyTransactions() {
    assertMaps(pg("42601", "INSERT has more expressions than target columns"), 1136, "21S01",
        "Column count doesn't match value count at row 1");
    assertMaps(pg("25006", "cannot execute INSERT in a read-only transaction"), 1792, "25006",
        "Cannot execute statement in a READ ONLY transaction.");
  }

  /** Columns of testdb.t as the catalog lookup returns them: name, type, type schema, type name, base type. */
  private static final ErrorContext.Catalog TABLE_T = sql -> sql.contains("to_regclass('\"testdb\".\"t\"')") ? List.of(
      List.of("id", "integer", "pg_catalog", "int4", ""), List.of("k", "character varying(5)", "pg_catalog", "varchar", ""),
      List.of("n", "integer", "pg_catalog", "int4", ""), List.of("v", "wg_mysql.tinyint", "wg_mysql", "tinyint", "smallint"),
      List.of("w", "wg_mysql.tinyint", "wg_mysql", "tinyint", "smallint"),
      List.of("d", "numeric(5,2)", "pg_catalog", "numeric", "")).stream()
      .map(r -> r.stream().map(v -> v.isEmpty() ? null : v).toList()).toList() : List.of();

  private MySqlError mapInsert(GatewayError error, String engineSql) {
    return map.map(error, new ErrorContext("testdb", "x", engineSql, TABLE_T));
  }

  @Test
  void refusedValuesNameTheirColumn() {
    GatewayError badInteger = at(pg("22P02", "invalid input syntax for type integer: \"abc\""), 31);
    assertEquals(new MySqlError(1366, "HY000", "Incorrect integer value: 'abc' for column 'n' at row 1"),
        mapInsert(badInteger, "INSERT INTO t VALUES (3, 'x', 'abc')"));
    assertEquals("Incorrect integer value: 'abc' for column 'n' at row 2",
        mapInsert(at(pg("22P02", "invalid input syntax for type integer: \"abc\""), 45),
            "INSERT INTO t (k, n) VALUES ('a', 1), ('b', 'abc')").message());
    assertEquals("Incorrect integer value: 'abc' for column 'n' at row 1",
        mapInsert(at(pg("22P02", "invalid input syntax for type integer: \"abc\""), 22),
            "UPDATE t SET k = 'a', n = 'abc' WHERE id = 1").message());
    assertEquals(new MySqlError(1406, "22001", "Data too long for column 'k' at row 1"),
        mapInsert(pg("22001", "value too long for type character varying(5)"), "INSERT INTO t VALUES (3, 'toolong', 1)"));
    assertEquals(new MySqlError(1264, "22003", "Out of range value for column 'd' at row 1"),
        mapInsert(new GatewayError("ERROR", "22003", "numeric field overflow",
            "A field with precision 5, scale 2 must round to an absolute value less than 10^3.", null, null, null, null,
            null, null, null, null, null, null, null, null, null), "INSERT INTO t (d) VALUES (1000)"));
    GatewayError domain = pg("23514", "value for domain wg_mysql.tinyint violates check constraint \"tinyint_check\"",
        null, "wg_mysql", null, null, "tinyint", "tinyint_check");
    assertEquals(new MySqlError(1264, "22003", "Out of range value for column 'v' at row 1"),
        mapInsert(domain, "INSERT INTO \"testdb\".\"t\" (id, v) VALUES (1, 128)"));
    // Two tinyint columns and no position: which one is unknown, the message says what it can.
    assertEquals("Out of range value for column (out of range for tinyint) at row 1",
        mapInsert(domain, "INSERT INTO t (v, w) VALUES (1, 128)").message());
    assertEquals("Out of range value for column 'w' at row 1",
        mapInsert(domain, "UPDATE t SET w = w + 200 WHERE id = 1").message());
  }

  @Test
  void gatewayRaisedVariableErrors() {
    assertMaps(pg("42704", "Unknown system variable 'nosuch'"), 1193, "HY000", "Unknown system variable 'nosuch'");
    assertMaps(pg("55P02", "Variable 'version' is a read only variable"), 1238, "HY000",
        "Variable 'version' is a read only variable");
    assertMaps(pg("55P02", "Variable 'last_insert_id' is a SESSION variable"), 1238, "HY000",
        "Variable 'last_insert_id' is a SESSION variable");
    assertMaps(pg("55P02", "Variable 'warning_count' is a SESSION variable and can't be used with SET GLOBAL"), 1228,
        "HY000", "Variable 'warning_count' is a SESSION variable and can't be used with SET GLOBAL");
    assertMaps(pg("55P02", "Variable 'max_connections' is a GLOBAL variable and should be set with SET GLOBAL"), 1229,
        "HY000", "Variable 'max_connections' is a GLOBAL variable and should be set with SET GLOBAL");
    assertMaps(pg("55P02", "SESSION variable 'max_allowed_packet' is read-only. Use SET GLOBAL to assign the value"),
        1621, "HY000", "SESSION variable 'max_allowed_packet' is read-only. Use SET GLOBAL to assign the value");
    assertMaps(pg("22023", "Variable 'autocommit' can't be set to the value of '2'"), 1231, "42000",
        "Variable 'autocommit' can't be set to the value of '2'");
    assertMaps(pg("42804", "Incorrect argument type to variable 'wait_timeout'"), 1232, "42000",
        "Incorrect argument type to variable 'wait_timeout'");
    assertMaps(pg("42704", "Unknown character set: 'klingon'"), 1115, "42000", "Unknown character set: 'klingon'");
    assertMaps(pg("42704", "Unknown collation: 'x'"), 1273, "HY000", "Unknown collation: 'x'");
    assertMaps(pg("42P21", "COLLATION 'latin1_bin' is not valid for CHARACTER SET 'utf8mb4'"), 1253, "42000",
        "COLLATION 'latin1_bin' is not valid for CHARACTER SET 'utf8mb4'");
    assertMaps(pg("22023", "Unknown or incorrect time zone: 'Mars/Base'"), 1298, "HY000",
        "Unknown or incorrect time zone: 'Mars/Base'");
  }

  @Test
  void everythingElse() {
    assertMaps(pg("0A000", "LOAD DATA"), 1235, "42000", "This version of MySQL doesn't yet support 'LOAD DATA'");
    assertMaps(pg("25P02", "current transaction is aborted, commands ignored until end of transaction block"), 1105,
        "HY000", "current transaction is aborted, commands ignored until end of transaction block");
    assertMaps(pg("28P01", "password authentication failed for user \"bob\""), 1045, "28000",
        "Access denied for user 'bob'@'%' (using password: YES)");
    assertMaps(pg("XX000", "something odd"), 1105, "HY000", "something odd");
  }

  @Test
  void documentationShowsTheTable() throws Exception {
    Path doc = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("mysql.md");
    String text = Files.readString(doc);
    assertTrue(text.contains(map.markdownTable()),
        "docs/mysql.md must contain the error table; regenerate it from MySqlErrorMap.markdownTable():\n"
            + map.markdownTable());
  }
}
