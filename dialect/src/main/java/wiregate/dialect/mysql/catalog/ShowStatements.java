package wiregate.dialect.mysql.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import wiregate.core.model.GatewayException;
import wiregate.core.mysql.MySqlContext;
import wiregate.core.mysql.MySqlStatement;
import wiregate.core.mysql.VariableAssignment;

/**
 * Every SHOW statement, and DESCRIBE/EXPLAIN of a table. Results have MySQL's column names and order.
 * Catalog SHOWs run on the engine over the wg_mysql_is views ({@link EngineShow}); SHOWs of gateway
 * state (variables, engines, collations, grants) are answered in the gateway ({@link LocalTable});
 * SHOW CREATE is built in Java from catalog rows ({@link ShowCreate}).
 */
final class ShowStatements {
  private static final String VARCHAR = "VARCHAR";
  private static final String BIGINT = "BIGINT";

  private final TokenCursor cursor;
  private final MySqlContext context;
  private final Function<String, String> expressionTranslator;
  private final String text;

  private ShowStatements(TokenCursor cursor, MySqlContext context, Function<String, String> expressionTranslator) {
    this.cursor = cursor;
    this.context = context;
    this.expressionTranslator = expressionTranslator;
    this.text = cursor.text();
  }

  /** With the cursor just after SHOW. */
  static MySqlStatement show(TokenCursor cursor, MySqlContext context, Function<String, String> expressionTranslator)
      throws GatewayException {
    return new ShowStatements(cursor, context, expressionTranslator).show();
  }

  /** With the cursor just after DESCRIBE / DESC / EXPLAIN, before the table name. */
  static MySqlStatement describe(TokenCursor cursor, MySqlContext context, Function<String, String> expressionTranslator)
      throws GatewayException {
    ShowStatements show = new ShowStatements(cursor, context, expressionTranslator);
    TableName table = show.tableName();
    ShowFilter filter = ShowFilter.NONE;
    if (cursor.peek().type() == Token.Type.STRING) {
      filter = new ShowFilter(cursor.string(), null);
    } else if (cursor.peek().isIdentifier()) {
      filter = new ShowFilter(cursor.identifier(), null);
    }
    cursor.expectEnd();
    return show.columns(table, false, filter);
  }

  private MySqlStatement show() throws GatewayException {
    boolean full = cursor.accept("FULL");
    boolean extended = !full && cursor.accept("EXTENDED");
    if (extended) {
      full = cursor.accept("FULL");
    }
    if (cursor.accept("DATABASES") || cursor.accept("SCHEMAS")) {
      return databases();
    }
    if (cursor.accept("TABLES")) {
      return tables(full);
    }
    if (cursor.accept("COLUMNS") || cursor.accept("FIELDS")) {
      TableName table = fromTable();
      return end(columns(table, full, ShowFilter.parse(cursor, expressionTranslator)));
    }
    if (cursor.accept("INDEX") || cursor.accept("INDEXES") || cursor.accept("KEYS")) {
      TableName table = fromTable();
      return end(index(table, ShowFilter.parse(cursor, expressionTranslator)));
    }
    if (cursor.accept("PROCESSLIST")) {
      return end(processlist(full));
    }
    if (full || extended) {
      throw cursor.syntaxError();
    }
    if (cursor.accept("CREATE")) {
      return createStatement();
    }
    Optional<VariableAssignment.Scope> scope = scope();
    if (cursor.accept("VARIABLES")) {
      return end(variables(scope.orElse(VariableAssignment.Scope.SESSION) == VariableAssignment.Scope.GLOBAL,
          ShowFilter.parse(cursor, expressionTranslator)));
    }
    if (cursor.accept("STATUS")) {
      return end(status(ShowFilter.parse(cursor, expressionTranslator)));
    }
    if (scope.isPresent()) {
      throw cursor.syntaxError();
    }
    if (cursor.accept("WARNINGS")) {
      return diagnostics(false, false);
    }
    if (cursor.accept("ERRORS")) {
      return diagnostics(true, false);
    }
    if (cursor.accept("COUNT")) {
      cursor.expectSymbol("(");
      cursor.expectSymbol("*");
      cursor.expectSymbol(")");
      boolean errors = cursor.accept("ERRORS");
      if (!errors) {
        cursor.expect("WARNINGS");
      }
      cursor.expectEnd();
      return new MySqlStatement.ShowDiagnostics(text, errors, true, null, null);
    }
    if (cursor.accept("STORAGE", "ENGINES") || cursor.accept("ENGINES")) {
      return end(new LocalTable(Engines.COLUMNS, List.of(VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR),
          Engines.ROWS).toStatement(text, ShowFilter.NONE));
    }
    if (cursor.accept("COLLATION")) {
      return end(collations().toStatement(text, ShowFilter.parse(cursor, expressionTranslator)));
    }
    if (cursor.accept("CHARACTER", "SET") || cursor.accept("CHARSET")) {
      return end(characterSets().toStatement(text, ShowFilter.parse(cursor, expressionTranslator)));
    }
    if (cursor.accept("TABLE", "STATUS")) {
      return tableStatus();
    }
    if (cursor.accept("GRANTS")) {
      return grants();
    }
    if (cursor.accept("PLUGINS")) {
      return end(plugins().toStatement(text, ShowFilter.NONE));
    }
    if (cursor.accept("PROCEDURE", "STATUS")) {
      return end(routineStatus("PROCEDURE", ShowFilter.parse(cursor, expressionTranslator)));
    }
    if (cursor.accept("FUNCTION", "STATUS")) {
      return end(routineStatus("FUNCTION", ShowFilter.parse(cursor, expressionTranslator)));
    }
    boolean triggers = cursor.accept("TRIGGERS");
    if (triggers || cursor.accept("EVENTS")) {
      optionalDatabase();
      ShowFilter filter = ShowFilter.parse(cursor, expressionTranslator);
      List<String> columns = triggers
          ? List.of("Trigger", "Event", "Table", "Statement", "Timing", "Created", "sql_mode", "Definer",
              "character_set_client", "collation_connection", "Database Collation")
          : List.of("Db", "Name", "Definer", "Time zone", "Type", "Execute at", "Interval value", "Interval field",
              "Starts", "Ends", "Status", "Originator", "character_set_client", "collation_connection",
              "Database Collation");
      return end(emptyTable(columns).toStatement(text, filter));
    }
    if (cursor.accept("MASTER", "STATUS") || cursor.accept("BINARY", "LOG", "STATUS")) {
      return end(emptyTable(List.of("File", "Position", "Binlog_Do_DB", "Binlog_Ignore_DB", "Executed_Gtid_Set"))
          .toStatement(text, ShowFilter.NONE));
    }
    if (cursor.accept("SLAVE", "STATUS") || cursor.accept("REPLICA", "STATUS")) {
      return end(emptyTable(List.of("Replica_IO_State", "Source_Host", "Source_User", "Source_Port"))
          .toStatement(text, ShowFilter.NONE));
    }
    if (cursor.accept("BINARY", "LOGS") || cursor.accept("MASTER", "LOGS")) {
      return end(emptyTable(List.of("Log_name", "File_size", "Encrypted")).toStatement(text, ShowFilter.NONE));
    }
    if (cursor.accept("OPEN", "TABLES")) {
      optionalDatabase();
      return end(emptyTable(List.of("Database", "Table", "In_use", "Name_locked"))
          .toStatement(text, ShowFilter.parse(cursor, expressionTranslator)));
    }
    if (cursor.accept("PROFILES")) {
      return end(emptyTable(List.of("Query_ID", "Duration", "Query")).toStatement(text, ShowFilter.NONE));
    }
    throw MySqlErrors.notSupported(text.strip());
  }

  private MySqlStatement end(MySqlStatement statement) throws GatewayException {
    cursor.expectEnd();
    return statement;
  }

  private Optional<VariableAssignment.Scope> scope() {
    if (cursor.accept("GLOBAL")) {
      return Optional.of(VariableAssignment.Scope.GLOBAL);
    }
    if (cursor.accept("SESSION") || cursor.accept("LOCAL")) {
      return Optional.of(VariableAssignment.Scope.SESSION);
    }
    return Optional.empty();
  }

  // ---- databases, tables, columns, indexes ----------------------------------------------------

  private MySqlStatement databases() throws GatewayException {
    ShowFilter filter = ShowFilter.parse(cursor, expressionTranslator);
    String label = "Database" + likeSuffix(filter);
    return end(new EngineShow()
        .from("SELECT schema_name AS \"database\" FROM wg_mysql_is.schemata")
        .column(label, "s.\"database\"")
        .orderBy("s.\"database\"")
        .build(text, filter));
  }

  private MySqlStatement tables(boolean full) throws GatewayException {
    String database = optionalDatabase().orElseGet(context::database);
    if (database == null) {
      throw MySqlErrors.noDatabaseSelected();
    }
    ShowFilter filter = ShowFilter.parse(cursor, expressionTranslator);
    String inner = ShowFilter.innerName("Tables_in_" + database);
    EngineShow show = new EngineShow()
        .requireDatabase(database)
        .from("SELECT table_name AS " + inner + ", table_type FROM wg_mysql_is.tables WHERE table_schema = "
            + SqlText.literal(database))
        .column("Tables_in_" + database + likeSuffix(filter), "s." + inner)
        .orderBy("s." + inner);
    if (full) {
      show.column("Table_type");
    }
    return end(show.build(text, filter));
  }

  MySqlStatement columns(TableName table, boolean full, ShowFilter filter) {
    EngineShow show = new EngineShow()
        .requireTable(table.database(), table.name())
        .from("SELECT column_name AS field, column_type AS type, collation_name AS \"collation\","
            + " is_nullable AS \"null\", column_key AS \"key\", column_default AS \"default\", extra,"
            + " privileges, column_comment AS comment, ordinal_position"
            + " FROM wg_mysql_is.columns WHERE table_schema = " + SqlText.literal(table.database())
            + " AND table_name = " + SqlText.literal(table.name()))
        .column("Field").column("Type");
    if (full) {
      show.column("Collation");
    }
    show.column("Null").column("Key").column("Default").column("Extra");
    if (full) {
      show.column("Privileges").column("Comment");
    }
    return show.orderBy("s.ordinal_position").build(text, filter);
  }

  private MySqlStatement index(TableName table, ShowFilter filter) {
    return new EngineShow()
        .requireTable(table.database(), table.name())
        .from("SELECT table_name AS \"table\", non_unique, index_name AS key_name, seq_in_index, column_name,"
            + " \"collation\", cardinality, sub_part, packed, nullable AS \"null\", index_type, comment,"
            + " index_comment, is_visible AS visible, expression"
            + " FROM wg_mysql_is.statistics WHERE table_schema = " + SqlText.literal(table.database())
            + " AND table_name = " + SqlText.literal(table.name()))
        .column("Table").column("Non_unique").column("Key_name").column("Seq_in_index").column("Column_name")
        .column("Collation").column("Cardinality").column("Sub_part").column("Packed").column("Null")
        .column("Index_type").column("Comment").column("Index_comment").column("Visible").column("Expression")
        .orderBy("s.key_name = 'PRIMARY' DESC, s.non_unique, s.key_name, s.seq_in_index")
        .build(text, filter);
  }

  private MySqlStatement tableStatus() throws GatewayException {
    String database = optionalDatabase().orElseGet(context::database);
    if (database == null) {
      throw MySqlErrors.noDatabaseSelected();
    }
    ShowFilter filter = ShowFilter.parse(cursor, expressionTranslator);
    return end(new EngineShow()
        .requireDatabase(database)
        .from("SELECT table_name AS name, engine, version, row_format, table_rows AS rows, avg_row_length,"
            + " data_length, max_data_length, index_length, data_free, auto_increment, create_time,"
            + " update_time, check_time, table_collation AS \"collation\", checksum, create_options,"
            + " table_comment AS comment FROM wg_mysql_is.tables WHERE table_schema = " + SqlText.literal(database))
        .column("Name").column("Engine").column("Version").column("Row_format").column("Rows")
        .column("Avg_row_length").column("Data_length").column("Max_data_length").column("Index_length")
        .column("Data_free").column("Auto_increment").column("Create_time").column("Update_time")
        .column("Check_time").column("Collation").column("Checksum").column("Create_options").column("Comment")
        .orderBy("s.name")
        .build(text, filter));
  }

  private MySqlStatement routineStatus(String type, ShowFilter filter) {
    return new EngineShow()
        .from("SELECT routine_schema AS db, routine_name AS name, routine_type AS type, definer,"
            + " last_altered AS modified, created, security_type, routine_comment AS comment,"
            + " character_set_client, collation_connection, database_collation AS \"database collation\""
            + " FROM wg_mysql_is.routines WHERE routine_type = " + SqlText.literal(type))
        .column("Db").column("Name").column("Type").column("Definer").column("Modified").column("Created")
        .column("Security_type").column("Comment").column("character_set_client").column("collation_connection")
        .column("Database Collation")
        .likeOn("s.name")
        .orderBy("s.db, s.name")
        .build(text, filter);
  }

  private MySqlStatement processlist(boolean full) {
    return new EngineShow()
        .from("SELECT id, \"user\", host, coalesce(db, " + SqlText.literal(context.database()) + ") AS db, command,"
            + " time, state, info FROM wg_mysql_is.processlist")
        .column("Id").column("User").column("Host").column("db").column("Command").column("Time").column("State")
        .column("Info", full ? "s.info" : "left(s.info, 100)")
        .orderBy("s.id")
        .build(text, ShowFilter.NONE);
  }

  // ---- gateway state --------------------------------------------------------------------------

  private MySqlStatement variables(boolean global, ShowFilter filter) {
    List<List<String>> rows = new ArrayList<>();
    VariableAssignment.Scope scope = global ? VariableAssignment.Scope.GLOBAL : VariableAssignment.Scope.SESSION;
    for (SystemVariable variable : SystemVariableCatalog.standard().all()) {
      if (global && !variable.scope().hasGlobal() || !filter.matches(variable.name())) {
        continue;
      }
      String value = context.systemVariable(scope, variable.name()).orElse(null);
      rows.add(List.of(variable.name(), variable.showValue(value)));
    }
    return new LocalTable(List.of("Variable_name", "Value"), List.of(VARCHAR, VARCHAR), rows)
        .toStatement(text, filter);
  }

  /**
   * SHOW STATUS: a few counters that monitoring tools and the mysql client's status command read;
   * the ones the engine knows come from it.
   */
  private MySqlStatement status(ShowFilter filter) {
    String values = String.join(", ",
        "('Aborted_clients', '0')", "('Aborted_connects', '0')", "('Bytes_received', '0')", "('Bytes_sent', '0')",
        "('Connections', (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database())::text)",
        "('Max_used_connections', (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database())::text)",
        "('Open_tables', '0')", "('Queries', '0')", "('Questions', '0')", "('Slow_queries', '0')",
        "('Ssl_cipher', '')", "('Ssl_version', '')", "('Threads_cached', '0')",
        "('Threads_connected', (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            + " AND backend_type = 'client backend')::text)",
        "('Threads_running', (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            + " AND state = 'active')::text)",
        "('Uptime', extract(epoch FROM now() - pg_postmaster_start_time())::bigint::text)",
        "('Uptime_since_flush_status', extract(epoch FROM now() - pg_postmaster_start_time())::bigint::text)");
    return new EngineShow()
        .from("SELECT * FROM (VALUES " + values + ") AS v(variable_name, value)")
        .column("Variable_name").column("Value")
        .orderBy("s.variable_name")
        .build(text, filter);
  }

  private static LocalTable collations() {
    List<List<String>> rows = CharacterSets.COLLATIONS.stream()
        .map(c -> List.of(c.name(), c.charset(), Integer.toString(c.id()), c.isDefault() ? "Yes" : "", "Yes",
            Integer.toString(c.sortLength()), c.padAttribute()))
        .toList();
    return new LocalTable(List.of("Collation", "Charset", "Id", "Default", "Compiled", "Sortlen", "Pad_attribute"),
        List.of(VARCHAR, VARCHAR, BIGINT, VARCHAR, VARCHAR, BIGINT, VARCHAR), rows);
  }

  private static LocalTable characterSets() {
    List<List<String>> rows = CharacterSets.CHARACTER_SETS.stream()
        .map(c -> List.of(c.name(), c.description(), c.defaultCollation(), Integer.toString(c.maxLength())))
        .toList();
    return new LocalTable(List.of("Charset", "Description", "Default collation", "Maxlen"),
        List.of(VARCHAR, VARCHAR, VARCHAR, BIGINT), rows);
  }

  private static LocalTable plugins() {
    List<List<String>> rows = List.of(
        List.of("mysql_native_password", "ACTIVE", "AUTHENTICATION", "NULL", "GPL"),
        List.of("caching_sha2_password", "ACTIVE", "AUTHENTICATION", "NULL", "GPL"),
        List.of("InnoDB", "ACTIVE", "STORAGE ENGINE", "NULL", "GPL"));
    return new LocalTable(List.of("Name", "Status", "Type", "Library", "License"),
        List.of(VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR),
        rows.stream().map(r -> r.stream().map(v -> v.equals("NULL") ? null : v).toList()).toList());
  }

  /**
   * SHOW GRANTS [FOR user[@host]]: the gateway's users may do everything the engine account may, so
   * the answer is MySQL's for an all-privileged account.
   */
  private MySqlStatement grants() throws GatewayException {
    String user;
    String host = "%";
    if (cursor.accept("FOR")) {
      if (cursor.accept("CURRENT_USER")) {
        if (cursor.acceptSymbol("(")) {
          cursor.expectSymbol(")");
        }
        user = currentUser();
      } else {
        user = nameOrString();
        if (cursor.acceptSymbol("@")) {
          host = nameOrString();
        } else if (cursor.peek().type() == Token.Type.WORD && cursor.peek().value().startsWith("@")) {
          host = cursor.next().value().substring(1);
        }
      }
    } else {
      user = currentUser();
    }
    cursor.expectEnd();
    String account = SqlText.backticked(user) + "@" + SqlText.backticked(host);
    return new MySqlStatement.LocalResult(text, List.of("Grants for " + user + "@" + host), List.of(VARCHAR),
        List.of(List.of("GRANT ALL PRIVILEGES ON *.* TO " + account + " WITH GRANT OPTION")));
  }

  private String currentUser() {
    return context instanceof SessionIdentity identity ? identity.user() : "root";
  }

  private MySqlStatement diagnostics(boolean errors, boolean count) throws GatewayException {
    Long limit = null;
    Long offset = null;
    if (cursor.accept("LIMIT")) {
      long first = cursor.unsignedNumber();
      if (cursor.acceptSymbol(",")) {
        offset = first;
        limit = cursor.unsignedNumber();
      } else if (cursor.accept("OFFSET")) {
        limit = first;
        offset = cursor.unsignedNumber();
      } else {
        limit = first;
      }
    }
    cursor.expectEnd();
    return new MySqlStatement.ShowDiagnostics(text, errors, count, limit, offset);
  }

  private MySqlStatement createStatement() throws GatewayException {
    ShowCreate create = new ShowCreate(context, text);
    if (cursor.accept("TABLE")) {
      TableName table = tableName();
      cursor.expectEnd();
      return create.table(table);
    }
    if (cursor.accept("VIEW")) {
      TableName table = tableName();
      cursor.expectEnd();
      return create.view(table);
    }
    if (cursor.accept("DATABASE") || cursor.accept("SCHEMA")) {
      boolean ifNotExists = cursor.accept("IF", "NOT", "EXISTS");
      String database = cursor.identifier();
      cursor.expectEnd();
      return create.database(database, ifNotExists);
    }
    throw MySqlErrors.notSupported(text.strip());
  }

  private static LocalTable emptyTable(List<String> columns) {
    return new LocalTable(columns, columns.stream().map(c -> VARCHAR).toList(), List.of());
  }

  // ---- names ----------------------------------------------------------------------------------

  /** A possibly qualified table name: {@code t}, {@code db.t}, with backticks or not. */
  TableName tableName() throws GatewayException {
    String first = cursor.identifier();
    if (cursor.acceptSymbol(".")) {
      return new TableName(first, cursor.identifier());
    }
    String database = context.database();
    if (database == null) {
      throw MySqlErrors.noDatabaseSelected();
    }
    return new TableName(database, first);
  }

  /** {@code FROM|IN t [FROM|IN db]} of SHOW COLUMNS / SHOW INDEX. */
  private TableName fromTable() throws GatewayException {
    if (!cursor.accept("FROM") && !cursor.accept("IN")) {
      throw cursor.syntaxError();
    }
    String first = cursor.identifier();
    String database = null;
    if (cursor.acceptSymbol(".")) {
      database = first;
      first = cursor.identifier();
    }
    Optional<String> from = optionalDatabase();
    if (from.isPresent()) {
      database = from.get();
    }
    if (database == null) {
      database = context.database();
    }
    if (database == null) {
      throw MySqlErrors.noDatabaseSelected();
    }
    return new TableName(database, first);
  }

  private Optional<String> optionalDatabase() throws GatewayException {
    if (cursor.accept("FROM") || cursor.accept("IN")) {
      return Optional.of(cursor.identifier());
    }
    return Optional.empty();
  }

  private String nameOrString() throws GatewayException {
    Token token = cursor.peek();
    if (token.isIdentifier() || token.type() == Token.Type.STRING) {
      cursor.next();
      return token.value();
    }
    throw cursor.syntaxError();
  }

  /** MySQL adds the LIKE pattern to the first column's label: {@code Database (te%)}. */
  private static String likeSuffix(ShowFilter filter) {
    return filter.like() != null ? " (" + filter.like() + ")" : "";
  }

  /** A database (PostgreSQL schema) and table name, both folded to lower case. */
  record TableName(String database, String name) {}
}
