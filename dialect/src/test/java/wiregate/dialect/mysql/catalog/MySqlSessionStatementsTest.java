package wiregate.dialect.mysql.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import wiregate.core.model.GatewayException;
import wiregate.core.mysql.MySqlStatement;
import wiregate.core.mysql.MySqlStatement.EngineSql;
import wiregate.core.mysql.MySqlStatement.LocalResult;
import wiregate.core.mysql.MySqlStatement.SetVariables;
import wiregate.core.mysql.VariableAssignment;
import wiregate.core.mysql.VariableAssignment.Scope;

class MySqlSessionStatementsTest {
  /** Marks translated expressions so tests can see which parts went through the translator. */
  private static final Function<String, String> PG = expression -> "pg(" + expression.toLowerCase() + ")";

  private final FakeContext context = new FakeContext("testdb");

  private MySqlStatement translate(String sql) throws GatewayException {
    return MySqlSessionStatements.translate(sql, context, PG).orElseThrow(() -> new AssertionError("not handled: " + sql));
  }

  private List<VariableAssignment> set(String sql) throws GatewayException {
    return assertInstanceOf(SetVariables.class, translate(sql)).assignments();
  }

  private GatewayException error(String sql) {
    return assertThrows(GatewayException.class, () -> MySqlSessionStatements.translate(sql, context, PG));
  }

  private static VariableAssignment constant(Scope scope, String name, String value) {
    return new VariableAssignment(scope, name, value, null, false);
  }

  @Test
  void notOurs() throws GatewayException {
    for (String sql : List.of("SELECT 1", "SET TRANSACTION ISOLATION LEVEL READ COMMITTED",
        "SET SESSION TRANSACTION READ ONLY", "SET GLOBAL TRANSACTION ISOLATION LEVEL SERIALIZABLE",
        "SET PASSWORD = 'x'", "SET ROLE ALL", "EXPLAIN SELECT 1", "EXPLAIN FORMAT=JSON SELECT 1", "DESCRIBE SELECT 1",
        "INSERT INTO t VALUES (1)", "")) {
      assertTrue(MySqlSessionStatements.translate(sql, context, PG).isEmpty(), sql);
    }
  }

  @Test
  void setFormsTheDriversSend() throws GatewayException {
    assertEquals(List.of(constant(Scope.SESSION, "autocommit", "0")), set("SET AUTOCOMMIT = 0"));
    assertEquals(List.of(constant(Scope.SESSION, "autocommit", "OFF")), set("SET @@session.autocommit = OFF"));
    assertEquals(List.of(
        constant(Scope.SESSION, "character_set_client", "utf8mb4"),
        constant(Scope.SESSION, "character_set_connection", "utf8mb4"),
        constant(Scope.SESSION, "character_set_results", "utf8mb4"),
        constant(Scope.SESSION, "collation_connection", "utf8mb4_0900_ai_ci")), set("SET NAMES utf8mb4"));
    assertEquals(constant(Scope.SESSION, "collation_connection", "utf8mb4_general_ci"),
        set("SET NAMES 'utf8mb4' COLLATE 'utf8mb4_general_ci'").get(3));
    assertEquals(constant(Scope.SESSION, "character_set_client", "utf8mb3"), set("SET NAMES utf8").get(0));
    assertEquals(constant(Scope.SESSION, "character_set_client", "utf8mb4"), set("/*!40101 SET NAMES utf8mb4 */").get(0));
  }

  @Test
  void setWithScopesAndMixedTargets() throws GatewayException {
    assertEquals(List.of(
        constant(Scope.SESSION, "wait_timeout", "1"),
        constant(Scope.SESSION, "sql_mode", "ANSI"),
        new VariableAssignment(Scope.USER, "u", null, "pg(3)", false),
        new VariableAssignment(Scope.SESSION, "net_read_timeout", null, null, true),
        constant(Scope.GLOBAL, "max_connections", "200"),
        constant(Scope.GLOBAL, "net_write_timeout", "70"),
        constant(Scope.PERSIST, "interactive_timeout", "-5"),
        constant(Scope.GLOBAL, "wait_timeout", "9")),
        set("SET wait_timeout=1, @@session.sql_mode='ANSI', @u:=3, SESSION net_read_timeout=DEFAULT,"
            + " GLOBAL max_connections=200, net_write_timeout = 70, PERSIST interactive_timeout = -5,"
            + " @@global.wait_timeout = 9;"));
  }

  @Test
  void setValuesThatNeedTheEngine() throws GatewayException {
    assertEquals(List.of(new VariableAssignment(Scope.SESSION, "sql_mode", null,
            "pg((select replace(@@sql_mode,'only_full_group_by','')))", false)),
        set("SET sql_mode=(SELECT REPLACE(@@sql_mode,'ONLY_FULL_GROUP_BY',''))"));
    assertEquals(List.of(new VariableAssignment(Scope.USER, "a", "it's", null, false),
            new VariableAssignment(Scope.USER, "b", null, null, false),
            new VariableAssignment(Scope.USER, "c", null, "pg(concat('a', @b))", false)),
        set("SET @a = 'it\\'s', @B = NULL, @`c` := CONCAT('a', @b)"));
  }

  @Test
  void setTimeZones() throws GatewayException {
    assertEquals(constant(Scope.SESSION, "time_zone", "+00:00"), set("SET time_zone = '+00:00'").get(0));
    assertEquals(constant(Scope.SESSION, "time_zone", "SYSTEM"), set("SET time_zone='SYSTEM'").get(0));
    assertEquals(constant(Scope.SESSION, "time_zone", "UTC"), set("SET @@time_zone = 'UTC'").get(0));
    assertEquals("Unknown or incorrect time zone: '+25:00'", error("SET time_zone = '+25:00'").error().message());
  }

  @Test
  void setCharacterSet() throws GatewayException {
    assertEquals(List.of(
        constant(Scope.SESSION, "character_set_client", "latin1"),
        constant(Scope.SESSION, "character_set_results", "latin1"),
        constant(Scope.SESSION, "character_set_connection", "utf8mb4"),
        constant(Scope.SESSION, "collation_connection", "utf8mb4_0900_ai_ci")), set("SET CHARACTER SET latin1"));
    assertEquals(constant(Scope.SESSION, "character_set_client", "latin1"), set("SET CHARSET 'latin1'").get(0));
  }

  @Test
  void setErrorsAreMySqls() {
    assertEquals("Unknown system variable 'nosuch'", error("SET nosuch = 1").error().message());
    assertEquals("42704", error("SET nosuch = 1").error().sqlState());
    assertEquals("Variable 'version' is a read only variable", error("SET version = 'x'").error().message());
    assertEquals("Variable 'autocommit' can't be set to the value of '2'", error("SET autocommit = 2").error().message());
    assertEquals("Unknown character set: 'klingon'", error("SET NAMES klingon").error().message());
    assertEquals("COLLATION 'latin1_bin' is not valid for CHARACTER SET 'utf8mb4'",
        error("SET NAMES utf8mb4 COLLATE latin1_bin").error().message());
    assertEquals("Variable 'max_connections' is a GLOBAL variable and should be set with SET GLOBAL",
        error("SET max_connections = 5").error().message());
    GatewayException syntax = error("SET autocommit 1");
    assertEquals("42601", syntax.error().sqlState());
    assertEquals("You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version"
        + " for the right syntax to use near '1' at line 1", syntax.error().message());
  }

  @Test
  void use() throws GatewayException {
    assertEquals(new MySqlStatement.UseDatabase("USE `Shop`;", "shop"), translate("USE `Shop`;"));
    assertEquals(new MySqlStatement.UseDatabase("use testdb", "testdb"), translate("use testdb"));
  }

  @Test
  void showDatabasesAndTables() throws GatewayException {
    EngineSql databases = assertInstanceOf(EngineSql.class, translate("SHOW DATABASES LIKE 'te%'"));
    assertTrue(databases.sql().contains("AS \"Database (te%)\""), databases.sql());
    assertTrue(databases.sql().contains("ILIKE 'te%'"), databases.sql());
    assertInstanceOf(EngineSql.class, translate("show schemas"));

    EngineSql tables = assertInstanceOf(EngineSql.class, translate("SHOW FULL TABLES FROM `testdb`"));
    assertEquals(List.of("SELECT wg_mysql_is.require_database('testdb')"), tables.preamble());
    assertTrue(tables.sql().contains("AS \"Tables_in_testdb\", s.\"table_type\" AS \"Table_type\""), tables.sql());
    EngineSql where = assertInstanceOf(EngineSql.class, translate("SHOW TABLES IN shop WHERE Tables_in_shop LIKE 'a%'"));
    assertTrue(where.sql().contains("WHERE (pg(tables_in_shop like 'a%'))"), where.sql());

    context.database = null;
    GatewayException noDatabase = error("SHOW TABLES");
    assertEquals("3D000", noDatabase.error().sqlState());
    assertEquals("No database selected", noDatabase.error().message());
  }

  @Test
  void showColumnsIndexAndDescribe() throws GatewayException {
    EngineSql columns = assertInstanceOf(EngineSql.class, translate("SHOW COLUMNS FROM users FROM shop LIKE 'i%'"));
    assertEquals(List.of("SELECT wg_mysql_is.require_table('shop', 'users')"), columns.preamble());
    assertTrue(columns.sql().startsWith("SELECT s.\"field\" AS \"Field\", s.\"type\" AS \"Type\", s.\"null\" AS \"Null\","
        + " s.\"key\" AS \"Key\", s.\"default\" AS \"Default\", s.\"extra\" AS \"Extra\" FROM"), columns.sql());
    EngineSql full = assertInstanceOf(EngineSql.class, translate("SHOW FULL FIELDS IN shop.users WHERE Field = 'id'"));
    assertTrue(full.sql().contains("AS \"Collation\"") && full.sql().contains("AS \"Privileges\""), full.sql());
    assertTrue(full.sql().contains("WHERE (pg(field = 'id'))"), full.sql());

    EngineSql describe = assertInstanceOf(EngineSql.class, translate("DESCRIBE `testdb`.`users`"));
    assertEquals(List.of("SELECT wg_mysql_is.require_table('testdb', 'users')"), describe.preamble());
    EngineSql desc = assertInstanceOf(EngineSql.class, translate("desc users id"));
    assertTrue(desc.sql().contains("ILIKE 'id'"), desc.sql());
    assertInstanceOf(EngineSql.class, translate("EXPLAIN users"));

    for (String sql : List.of("SHOW INDEX FROM users", "SHOW INDEXES IN users FROM testdb", "SHOW KEYS FROM testdb.users")) {
      EngineSql index = assertInstanceOf(EngineSql.class, translate(sql));
      assertEquals(List.of("SELECT wg_mysql_is.require_table('testdb', 'users')"), index.preamble(), sql);
      assertTrue(index.sql().contains("AS \"Key_name\"") && index.sql().contains("AS \"Expression\""), sql);
    }
    assertEquals("42601", error("SHOW COLUMNS users").error().sqlState());
  }

  @Test
  void showVariables() throws GatewayException {
    LocalResult mode = assertInstanceOf(LocalResult.class, translate("SHOW VARIABLES LIKE 'sql\\_mode'"));
    assertEquals(List.of("Variable_name", "Value"), mode.columnNames());
    assertEquals(List.of(List.of("sql_mode", "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
        + "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION")), mode.rows());
    LocalResult autocommit = assertInstanceOf(LocalResult.class, translate("SHOW SESSION VARIABLES LIKE 'AUTOCOMMIT'"));
    assertEquals(List.of(List.of("autocommit", "ON")), autocommit.rows());
    LocalResult global = assertInstanceOf(LocalResult.class, translate("SHOW GLOBAL VARIABLES LIKE 'warning_count'"));
    assertEquals(List.of(), global.rows());
    LocalResult characterSets = assertInstanceOf(LocalResult.class, translate("SHOW VARIABLES LIKE 'character_set_%'"));
    assertEquals(8, characterSets.rows().size(), "with character_sets_dir, as in MySQL");
    EngineSql where = assertInstanceOf(EngineSql.class, translate("SHOW VARIABLES WHERE Variable_name = 'port'"));
    assertTrue(where.sql().contains("('port'::text, '3306'::text)") && where.sql().endsWith("WHERE (pg(variable_name = 'port'))"),
        where.sql());
  }

  @Test
  void showDiagnostics() throws GatewayException {
    assertEquals(new MySqlStatement.ShowDiagnostics("SHOW WARNINGS", false, false, null, null), translate("SHOW WARNINGS"));
    assertEquals(new MySqlStatement.ShowDiagnostics("SHOW WARNINGS LIMIT 2, 5", false, false, 5L, 2L),
        translate("SHOW WARNINGS LIMIT 2, 5"));
    assertEquals(new MySqlStatement.ShowDiagnostics("SHOW ERRORS LIMIT 3", true, false, 3L, null),
        translate("SHOW ERRORS LIMIT 3"));
    assertEquals(new MySqlStatement.ShowDiagnostics("SHOW COUNT(*) ERRORS", true, true, null, null),
        translate("SHOW COUNT(*) ERRORS"));
    assertEquals(new MySqlStatement.ShowDiagnostics("show count(*) warnings", false, true, null, null),
        translate("show count(*) warnings"));
  }

  @Test
  void showGatewayTables() throws GatewayException {
    LocalResult engines = assertInstanceOf(LocalResult.class, translate("SHOW ENGINES"));
    assertEquals(List.of("Engine", "Support", "Comment", "Transactions", "XA", "Savepoints"), engines.columnNames());
    assertEquals("DEFAULT", engines.rows().get(0).get(1));
    LocalResult collations = assertInstanceOf(LocalResult.class, translate("SHOW COLLATION LIKE 'utf8mb4_0900%'"));
    assertEquals(List.of("Collation", "Charset", "Id", "Default", "Compiled", "Sortlen", "Pad_attribute"),
        collations.columnNames());
    assertEquals(List.of("utf8mb4_0900_ai_ci", "utf8mb4", "255", "Yes", "Yes", "0", "NO PAD"), collations.rows().get(0));
    LocalResult charsets = assertInstanceOf(LocalResult.class, translate("SHOW CHARACTER SET LIKE 'utf8%'"));
    assertEquals(List.of("Charset", "Description", "Default collation", "Maxlen"), charsets.columnNames());
    assertEquals(2, charsets.rows().size());
    assertEquals(1, assertInstanceOf(LocalResult.class, translate("SHOW CHARSET LIKE 'latin1'")).rows().size());
    EngineSql where = assertInstanceOf(EngineSql.class, translate("SHOW COLLATION WHERE Id = 224"));
    assertTrue(where.sql().contains("('utf8mb4_unicode_ci'::text, 'utf8mb4'::text, '224'::bigint,"),
        "numeric columns stay numeric when the engine filters: " + where.sql());
    LocalResult grants = assertInstanceOf(LocalResult.class, translate("SHOW GRANTS FOR 'bob'@'localhost'"));
    assertEquals(List.of("Grants for bob@localhost"), grants.columnNames());
    assertEquals("GRANT ALL PRIVILEGES ON *.* TO `bob`@`localhost` WITH GRANT OPTION", grants.rows().get(0).get(0));
    assertInstanceOf(LocalResult.class, translate("SHOW GRANTS"));
    assertInstanceOf(LocalResult.class, translate("SHOW PLUGINS"));
    assertEquals(List.of(), assertInstanceOf(LocalResult.class, translate("SHOW MASTER STATUS")).rows());
    assertInstanceOf(LocalResult.class, translate("SHOW TRIGGERS FROM testdb LIKE 'x%'"));
    assertInstanceOf(EngineSql.class, translate("SHOW STATUS LIKE 'Uptime'"));
    assertInstanceOf(EngineSql.class, translate("SHOW GLOBAL STATUS"));
    assertInstanceOf(EngineSql.class, translate("SHOW TABLE STATUS FROM testdb LIKE 'u%'"));
    assertInstanceOf(EngineSql.class, translate("SHOW FULL PROCESSLIST"));
    assertInstanceOf(EngineSql.class, translate("SHOW PROCESSLIST"));
    assertInstanceOf(EngineSql.class, translate("SHOW FUNCTION STATUS WHERE Db = 'testdb'"));
    assertEquals("0A000", error("SHOW NONSENSE").error().sqlState());
  }
}
