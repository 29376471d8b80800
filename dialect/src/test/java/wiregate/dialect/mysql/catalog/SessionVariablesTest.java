package wiregate.dialect.mysql.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import wiregate.core.model.GatewayException;
import wiregate.core.mysql.VariableAssignment;
import wiregate.core.mysql.VariableAssignment.Scope;

class SessionVariablesTest {
  private final FakeContext context = new FakeContext("testdb");
  private final SessionVariables session = context.variables;

  private String select(String name) throws GatewayException {
    return session.read(Scope.SESSION, name);
  }

  private static VariableAssignment set(Scope scope, String name, String value) {
    return new VariableAssignment(scope, name, value, null, false);
  }

  @Test
  void answersWhatDriversReadAtConnect() throws GatewayException {
    assertEquals("8.0.40-wiregate", select("version"));
    assertEquals("1", select("autocommit"));
    assertEquals("1", select("lower_case_table_names"));
    assertEquals("67108864", select("max_allowed_packet"));
    assertEquals("REPEATABLE-READ", select("transaction_isolation"));
    assertEquals("REPEATABLE-READ", select("tx_isolation"));
    assertEquals("0", select("tx_read_only"));
    assertEquals("ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,"
        + "NO_ENGINE_SUBSTITUTION", select("sql_mode"));
    assertEquals("utf8mb4", select("character_set_server"));
    assertEquals("utf8mb4_0900_ai_ci", select("collation_connection"));
    assertEquals("SYSTEM", select("time_zone"));
    assertEquals("UTC", select("system_time_zone"));
    assertEquals("gw1", select("hostname"), "server facts override defaults");
    assertEquals("42", select("last_insert_id"), "live values come from the session");
    assertEquals("42", select("identity"));
    assertEquals("7", select("pseudo_thread_id"));
    assertEquals("GPL", select("license"));
    assertEquals("0", select("query_cache_size"));
    for (String name : List.of("version_comment", "version_compile_os", "net_buffer_length", "character_set_client",
        "character_set_connection", "character_set_results", "character_set_database", "character_set_system",
        "collation_server", "collation_database", "init_connect", "interactive_timeout", "wait_timeout",
        "net_write_timeout", "performance_schema", "query_cache_type", "auto_increment_increment", "have_ssl",
        "protocol_version", "port", "default_storage_engine", "explicit_defaults_for_timestamp", "sql_select_limit",
        "group_concat_max_len", "innodb_lock_wait_timeout", "warning_count", "error_count", "transaction_read_only")) {
      assertTrue(context.systemVariable(Scope.SESSION, name).isPresent(), name);
    }
  }

  @Test
  void liveValuesAreAskedAtEachRead() throws GatewayException {
    TestLiveValues live = context.live;
    live.autocommit = false;
    live.lastInsertId = 5;
    live.warningCount = 3;
    live.errorCount = 1;
    assertEquals("0", select("autocommit"));
    assertEquals(Optional.of("OFF"),
        session.show(false, SystemVariableCatalog.standard().find("autocommit").orElseThrow()));
    assertEquals("5", select("last_insert_id"));
    assertEquals("3", select("warning_count"));
    assertEquals("1", select("error_count"));
    assertEquals("1", session.read(Scope.GLOBAL, "autocommit"), "the global value is not the session's");
  }

  @Test
  void characterSetAndCollationPairsStayConsistent() throws GatewayException {
    session.apply(set(Scope.SESSION, "character_set_connection", "latin1"));
    assertEquals("latin1_swedish_ci", select("collation_connection"));
    session.apply(set(Scope.SESSION, "collation_connection", "utf8mb4_unicode_ci"));
    assertEquals("utf8mb4", select("character_set_connection"));
    session.apply(set(Scope.SESSION, "character_set_connection", "utf8mb4"));
    assertEquals("utf8mb4_0900_ai_ci", select("collation_connection"), "default_collation_for_utf8mb4");
    session.apply(set(Scope.SESSION, "collation_database", "latin1_bin"));
    assertEquals("latin1", select("character_set_database"));
  }

  @Test
  void maxAllowedPacketComesFromTheServer() throws GatewayException {
    GlobalVariables globals = MySqlSystemVariables.standardGlobals(Map.of("max_allowed_packet", "1048576"));
    MySqlSystemVariables variables = new MySqlSystemVariables(globals, new TestLiveValues());
    assertEquals(Optional.of("1048576"), variables.get(Scope.SESSION, "max_allowed_packet"));
    assertEquals(Optional.of("1048576"), variables.get(Scope.GLOBAL, "max_allowed_packet"));
  }

  @Test
  void nullAndDefaultAreDifferentAssignments() throws GatewayException {
    MySqlSystemVariables variables = new MySqlSystemVariables(
        new GlobalVariables(SystemVariableCatalog.standard(), Map.of()), new TestLiveValues());
    variables.set(Scope.SESSION, "character_set_results", null);
    assertEquals(Optional.empty(), variables.get(Scope.SESSION, "character_set_results"), "NULL");
    variables.setDefault(Scope.SESSION, "character_set_results");
    assertEquals(Optional.of("utf8mb4"), variables.get(Scope.SESSION, "character_set_results"));
    GatewayException notNull = assertThrows(GatewayException.class,
        () -> variables.set(Scope.SESSION, "sql_mode", null));
    assertEquals("Variable 'sql_mode' can't be set to the value of 'NULL'", notNull.error().message());
  }

  @Test
  void showFormOfBooleansIsOnOff() {
    SystemVariable autocommit = SystemVariableCatalog.standard().find("autocommit").orElseThrow();
    assertEquals(Optional.of("ON"), session.show(false, autocommit));
  }

  @Test
  void unknownAndWrongScopeReads() {
    GatewayException unknown = assertThrows(GatewayException.class, () -> select("nosuch"));
    assertEquals("Unknown system variable 'nosuch'", unknown.error().message());
    GatewayException sessionOnly = assertThrows(GatewayException.class, () -> session.read(Scope.GLOBAL, "last_insert_id"));
    assertEquals("Variable 'last_insert_id' is a SESSION variable", sessionOnly.error().message());
    assertEquals(Optional.empty(), context.systemVariable(Scope.SESSION, "nosuch"));
  }

  @Test
  void setNormalisesAndForwardsToTheEngine() throws GatewayException {
    SessionVariables.Applied applied = session.apply(set(Scope.SESSION, "autocommit", "0"));
    assertEquals("OFF", applied.value());

    applied = session.apply(set(Scope.SESSION, "tx_isolation", "read committed"));
    assertEquals("transaction_isolation", applied.name());
    assertEquals(Optional.of("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED"),
        applied.engineSql());
    assertEquals("READ-COMMITTED", select("transaction_isolation"));

    applied = session.apply(set(Scope.SESSION, "time_zone", "+5:30"));
    assertEquals("+05:30", applied.value());
    assertEquals(Optional.of("SET TIME ZONE INTERVAL '+05:30' HOUR TO MINUTE"), applied.engineSql());
    assertEquals(Optional.of("SET TIME ZONE 'UTC'"), session.apply(set(Scope.SESSION, "time_zone", "SYSTEM")).engineSql());
    assertEquals(Optional.of("SET TIME ZONE 'Europe/Berlin'"),
        session.apply(set(Scope.SESSION, "time_zone", "Europe/Berlin")).engineSql());

    assertEquals(Optional.of("SET lock_timeout = '5s'"),
        session.apply(set(Scope.SESSION, "innodb_lock_wait_timeout", "5")).engineSql());
  }

  @Test
  void sqlModeIsExpandedAndOrdered() throws GatewayException {
    session.apply(set(Scope.SESSION, "sql_mode", "ansi"));
    assertEquals("REAL_AS_FLOAT,PIPES_AS_CONCAT,ANSI_QUOTES,IGNORE_SPACE,ONLY_FULL_GROUP_BY,ANSI", session.sqlMode());
    session.apply(set(Scope.SESSION, "sql_mode", "NO_ENGINE_SUBSTITUTION,strict_trans_tables"));
    assertEquals("STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION", session.sqlMode());
    session.apply(set(Scope.SESSION, "sql_mode", ""));
    assertEquals("", session.sqlMode());
    // The engine sees it too, framed by commas (the compat schema's division by zero reads it).
    assertEquals(Optional.of("SET wg_mysql.sql_mode = ',STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION,'"),
        session.apply(set(Scope.SESSION, "sql_mode", "NO_ENGINE_SUBSTITUTION,strict_trans_tables")).engineSql());
    GatewayException bad = assertThrows(GatewayException.class,
        () -> session.apply(set(Scope.SESSION, "sql_mode", "NOT_A_MODE")));
    assertEquals("Variable 'sql_mode' can't be set to the value of 'NOT_A_MODE'", bad.error().message());
  }

  @Test
  void mySqlErrorsForForbiddenAssignments() {
    assertMessage("Variable 'version' is a read only variable", () -> session.apply(set(Scope.SESSION, "version", "x")));
    assertMessage("Variable 'warning_count' is a read only variable",
        () -> session.apply(set(Scope.GLOBAL, "warning_count", "1")));
    assertMessage("Variable 'last_insert_id' is a SESSION variable and can't be used with SET GLOBAL",
        () -> session.apply(set(Scope.GLOBAL, "last_insert_id", "1")));
    assertMessage("Variable 'max_connections' is a GLOBAL variable and should be set with SET GLOBAL",
        () -> session.apply(set(Scope.SESSION, "max_connections", "10")));
    assertMessage("SESSION variable 'max_allowed_packet' is read-only. Use SET GLOBAL to assign the value",
        () -> session.apply(set(Scope.SESSION, "max_allowed_packet", "1024")));
    assertMessage("Variable 'autocommit' can't be set to the value of '2'",
        () -> session.apply(set(Scope.SESSION, "autocommit", "2")));
    assertMessage("Incorrect argument type to variable 'wait_timeout'",
        () -> session.apply(set(Scope.SESSION, "wait_timeout", "soon")));
    assertMessage("Unknown or incorrect time zone: '+25:00'", () -> session.apply(set(Scope.SESSION, "time_zone", "+25:00")));
    assertMessage("Unknown character set: 'klingon'",
        () -> session.apply(set(Scope.SESSION, "character_set_client", "klingon")));
  }

  @Test
  void globalChangesReachNewSessionsOnlyAndDefaultRestores() throws GatewayException {
    GlobalVariables globals = new GlobalVariables(SystemVariableCatalog.standard(), Map.of());
    SessionVariables first = new SessionVariables(globals, new TestLiveValues());
    first.apply(set(Scope.GLOBAL, "wait_timeout", "100"));
    assertEquals("28800", first.read(Scope.SESSION, "wait_timeout"));
    assertEquals("100", first.read(Scope.GLOBAL, "wait_timeout"));
    SessionVariables second = new SessionVariables(globals, new TestLiveValues());
    assertEquals("100", second.read(Scope.SESSION, "wait_timeout"));
    second.apply(set(Scope.SESSION, "wait_timeout", "5"));
    second.apply(new VariableAssignment(Scope.SESSION, "wait_timeout", null, null, true));
    assertEquals("100", second.read(Scope.SESSION, "wait_timeout"), "SESSION DEFAULT = the global value");
    second.apply(new VariableAssignment(Scope.GLOBAL, "wait_timeout", null, null, true));
    assertEquals("28800", second.read(Scope.GLOBAL, "wait_timeout"), "GLOBAL DEFAULT = the compiled default");
  }

  @Test
  void integersAreClampedAndResultsCharsetMayBeNull() throws GatewayException {
    assertEquals("1", session.apply(set(Scope.SESSION, "auto_increment_increment", "0")).value());
    session.apply(set(Scope.SESSION, "character_set_results", null));
    assertNull(session.resultsCharset());
    assertNull(select("character_set_results"));
    session.apply(set(Scope.SESSION, "character_set_results", "latin1"));
    assertEquals("windows-1252", session.resultsCharset().name());
  }

  @Test
  void evaluatedExpressionsAreChecked() throws GatewayException {
    VariableAssignment expression = new VariableAssignment(Scope.SESSION, "sql_mode", null, "replace(...)", false);
    assertEquals("STRICT_TRANS_TABLES", session.apply(expression, "STRICT_TRANS_TABLES").value());
  }

  @Test
  void initialEngineStatements() {
    assertEquals(List.of("SET TIME ZONE 'UTC'", "SET lock_timeout = '50s'", "SET statement_timeout = 0"),
        session.initialEngineStatements());
  }

  private static void assertMessage(String message, org.junit.jupiter.api.function.Executable action) {
    assertEquals(message, assertThrows(GatewayException.class, action).error().message());
  }
}
