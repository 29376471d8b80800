package wiregate.mysql.session;

import wiregate.mysql.codec.Collations;
import wiregate.mysql.codec.ColumnFlags;
import wiregate.mysql.codec.ColumnType;
import wiregate.mysql.errors.ErrorContext;
import wiregate.mysql.errors.MySqlErrorMap;
import wiregate.mysql.errors.MySqlError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import wiregate.core.engine.EngineSession;
import wiregate.core.engine.PreparedQuery;
import wiregate.core.model.Column;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.core.model.ResultSink;
import wiregate.core.model.Statement;
import wiregate.core.model.StatementKind;
import wiregate.core.mysql.MySqlContext.UserVariable;
import wiregate.core.mysql.MySqlStatement;
import wiregate.core.mysql.MySqlStatement.EngineSql;
import wiregate.core.mysql.VariableAssignment;
import wiregate.mysql.codec.ColumnDefinition41;
import wiregate.mysql.result.DescribedColumns;
import wiregate.mysql.result.ColumnMapper;

/**
 * Runs translated MySQL statements on the engine with MySQL's semantics and writes each one's
 * response: autocommit on and off, implicit commit around DDL, and statement atomicity inside a
 * transaction (a failing statement is undone through a savepoint, the transaction stays usable, as
 * in MySQL and unlike PostgreSQL).
 */
public final class StatementRunner {
  private final MySqlSession session;
  private final MySqlErrorMap errors;
  /** The user's savepoints in the open transaction, oldest first (MySQL names are case-insensitive). */
  private final List<String> savepoints = new ArrayList<>();
  /** Session-level engine settings issued so far, re-issued when a rollback undoes them. */
  private final Map<String, String> engineSettings = new LinkedHashMap<>();

  public StatementRunner(MySqlSession session, MySqlErrorMap errors) {
    this.session = session;
    this.errors = errors;
  }

  /** The MySQL error for a failure outside a statement's run; it becomes the session's diagnostics. */
  public MySqlException failure(GatewayException e) {
    return failed(errors.map(e.error(), session.database()));
  }

  /**
   * The MySQL error for a failure of {@code statement}: its texts and the catalog complete the message
   * (the column a refused value was meant for, a syntax error's place, a foreign key's columns).
   */
  public MySqlException failure(GatewayException e, MySqlStatement statement) {
    String engineSql = statement instanceof EngineSql sql ? sql.sql() : null;
    return failed(errors.map(e.error(), new ErrorContext(session.database(), statement.originalText(), engineSql,
        sql -> session.origins().catalog().run(sql))));
  }

  /** MySQL's diagnostics area after a failed statement holds the error (SHOW WARNINGS shows it). */
  private MySqlException failed(MySqlError error) {
    session.warnings(List.of(new Warning("Error", error.errno(), error.message())));
    return new MySqlException(error);
  }

  /** A statement's warnings, engine notices mapped as the session's errors are. */
  public Warnings newWarnings() {
    return new Warnings(errors, session.database());
  }

  /**
   * Runs one statement and writes its whole response (OK, or a result set and its end). With
   * {@code moreResults} the response says that another result follows.
   *
   * @return true when the client asked to close the connection afterwards (COMMIT RELEASE)
   */
  public boolean run(MySqlStatement statement, ResponseWriter out, boolean moreResults) throws MySqlException {
    int more = moreResults ? MySqlSession.STATUS_MORE_RESULTS : 0;
    if (!(statement instanceof MySqlStatement.ShowDiagnostics)) {
      session.warnings(List.of());
      // ROW_COUNT() after a statement without rows to count; engine statements set their own below.
      session.rowCount(statement instanceof MySqlStatement.LocalResult ? -1 : 0);
    }
    try {
      switch (statement) {
        case EngineSql sql -> runEngineSql(sql, out, more);
        case MySqlStatement.LocalResult local -> writeLocalResult(local, out, more);
        case MySqlStatement.SetVariables set -> {
          setVariables(set);
          out.ok(0, 0, session.status() | more, 0, null);
        }
        case MySqlStatement.UseDatabase use -> {
          useDatabase(use.database());
          out.ok(0, 0, session.status() | more, 0, null);
        }
        case MySqlStatement.Transaction tx -> {
          transaction(tx);
          out.ok(0, 0, session.status() | more, 0, null);
          return tx.release();
        }
        case MySqlStatement.ShowDiagnostics show -> showDiagnostics(show, out, more);
        case MySqlStatement.Ignored ignored -> out.ok(0, 0, session.status() | more, 0, null);
        // COM_QUERY runs KILL itself; MySQL does not prepare it either
        case MySqlStatement.Kill kill -> throw new MySqlException(new MySqlError(1295, "HY000",
            "This command is not supported in the prepared statement protocol yet"));
      }
    } catch (GatewayException e) {
      throw failure(e, statement);
    } catch (MySqlException e) {
      throw failed(e.error());
    }
    return false;
  }

  // --- engine statements -----------------------------------------------------------------------

  private void runEngineSql(EngineSql sql, ResponseWriter out, int more) throws GatewayException {
    runOnEngine(sql, out, more, sink -> session.engine().execute(sql.engineStatement(), sink));
  }

  /** Runs the statement's engine part, handing the sink that turns its outcome into MySQL's. */
  @FunctionalInterface
  public interface EngineCall {
    void run(ResultSink sink) throws GatewayException;
  }

  /**
   * Runs a statement on the engine (its preamble first) with MySQL's semantics, and writes the
   * response: a result set, or an OK with affected rows and last-insert-id.
   */
  public void runOnEngine(EngineSql sql, ResponseWriter out, int more, EngineCall call) throws GatewayException {
    runOnEngine(sql, out, more, null, call);
  }

  /** As above, for a prepared statement whose result columns are described once ({@code described}). */
  public void runOnEngine(EngineSql sql, ResponseWriter out, int more, DescribedColumns described, EngineCall call)
      throws GatewayException {
    Warnings warnings = newWarnings();
    ResultSetWriter writer = new ResultSetWriter(out, session.origins(), session.collation(),
        session.charset(), warnings);
    writer.reuse(described);
    DmlOutcomeSink outcome = DmlOutcomeSink.of(sql.dmlOutcome(), session.clientFoundRows(), warnings);
    ResultSink sink = outcome != null ? outcome : writer;
    writer.capture(sql.assignedUserVariables());
    writer.selectItems(sql.selectItems());
    executeWithSemantics(sql, () -> {
      for (String pre : sql.preamble()) {
        session.engine().execute(new Statement(pre, StatementKind.OTHER, 0, 0), new DiscardingSink(warnings));
      }
      call.run(sink);
    });
    session.warnings(warnings.entries());
    if (outcome != null) {
      if (outcome.newLastInsertId() != 0) {
        session.lastInsertId(outcome.newLastInsertId());
      }
      session.rowCount(outcome.affectedRows());
      out.ok(outcome.affectedRows(), outcome.insertId(), session.status() | more, warnings.size(), outcome.info());
    } else if (writer.returnedRows()) {
      assignUserVariables(sql.assignedUserVariables(), writer);
      session.rowCount(-1);
      session.foundRows(writer.rows());
      out.endOfRows(session.status() | more, warnings.size());
    } else {
      long affected = CommandTags.affectedRows(writer.tag());
      session.rowCount(affected);
      out.ok(affected, 0, session.status() | more, warnings.size(), null);
    }
  }

  /** SELECT @v := expr: the variables take the values of the last row (unchanged when there was none). */
  private void assignUserVariables(List<String> names, ResultSetWriter writer) {
    for (int i = 0; i < names.size(); i++) {
      ResultSetWriter.Captured value = names.get(i) == null ? null : writer.capturedValue(i);
      if (value != null) {
        session.userVariable(names.get(i), new UserVariable(value.text(), EngineTypeNames.of(value.typeOid())));
      }
    }
  }

  /**
   * Runs engine work for one client statement as MySQL would: DDL first commits what is open;
   * with autocommit off a transaction starts; inside a transaction a failure is undone alone.
   */
  public void executeWithSemantics(EngineSql sql, EngineSession.Work work) throws GatewayException {
    boolean ddl = sql.changesCatalog();
    if (ddl && session.inTransaction()) {
      commit();
    }
    if (!ddl) {
      beginIfAutocommitOff();
    }
    if (session.inTransaction()) {
      atomically(work);
    } else {
      // Autocommit: the statement is its own transaction. The engine opens an implicit block itself
      // for a portal that streams; a preamble needs one to be atomic with the statement.
      EngineSession engine = session.engine();
      if (!sql.preamble().isEmpty()) {
        engine.beginImplicitBlock();
      }
      try {
        work.run();
      } catch (GatewayException e) {
        engine.endImplicitBlock(false);
        throw e;
      }
      engine.endImplicitBlock(true);
    }
    if (ddl) {
      session.dialect().invalidateCaches();
      session.origins().invalidate();
    }
  }

  /**
   * Inside a transaction: the engine undoes each of the work's statements alone if it fails
   * ({@link EngineSession#atomically}, whose savepoint travels with the statement). That is the
   * whole client statement: the only preamble run inside a transaction is SHOW's existence check,
   * which only reads (DDL, the other user of preambles, commits first). MySQL rolls the whole
   * transaction back on a deadlock.
   */
  private void atomically(EngineSession.Work work) throws GatewayException {
    try {
      session.engine().atomically(work);
    } catch (GatewayException e) {
      if (rollsBackTransaction(e.error())) {
        transactionControl("ROLLBACK");
        afterTransactionEnd(true);
      }
      throw e;
    }
  }

  private static boolean rollsBackTransaction(GatewayError error) {
    return "40P01".equals(error.sqlState()) || "40001".equals(error.sqlState());
  }

  public void beginIfAutocommitOff() throws GatewayException {
    if (!session.autocommit() && !session.inTransaction()) {
      begin(null, null);
    }
  }

  /**
   * Prepares a statement on the engine. Inside a transaction this runs under the statement savepoint:
   * a failed prepare leaves the transaction usable, as in MySQL (in PostgreSQL it would abort it).
   */
  public PreparedQuery prepare(Statement statement, int[] declaredTypes) throws GatewayException {
    if (!session.inTransaction()) {
      return session.engine().prepare(statement, declaredTypes);
    }
    PreparedQuery[] prepared = new PreparedQuery[1];
    atomically(() -> prepared[0] = session.engine().prepare(statement, declaredTypes));
    return prepared[0];
  }

  // --- transactions ----------------------------------------------------------------------------

  private void transaction(MySqlStatement.Transaction tx) throws GatewayException, MySqlException {
    switch (tx.op()) {
      case BEGIN -> {
        if (session.inTransaction()) {
          commit(); // MySQL: BEGIN commits the open transaction
        }
        begin(tx.isolationLevel(), tx.readOnly());
      }
      case COMMIT -> {
        commit();
        if (tx.chain()) {
          begin(null, null);
        }
      }
      case ROLLBACK -> {
        rollback();
        if (tx.chain()) {
          begin(null, null);
        }
      }
      case SAVEPOINT -> {
        beginIfAutocommitOff();
        if (session.inTransaction()) {
          String name = savepointName(tx.savepoint());
          savepoints.remove(name); // MySQL replaces a savepoint of the same name
          transactionControl("SAVEPOINT " + quoteIdentifier(name));
          savepoints.add(name);
        }
      }
      case ROLLBACK_TO_SAVEPOINT -> {
        String name = existingSavepoint(tx.savepoint());
        transactionControl("ROLLBACK TO SAVEPOINT " + quoteIdentifier(name));
        savepoints.subList(savepoints.indexOf(name) + 1, savepoints.size()).clear();
        reapplySettingsIfUndone();
      }
      case RELEASE_SAVEPOINT -> {
        String name = existingSavepoint(tx.savepoint());
        transactionControl("RELEASE SAVEPOINT " + quoteIdentifier(name));
        savepoints.subList(savepoints.indexOf(name), savepoints.size()).clear();
      }
      case SET_CHARACTERISTICS -> {
        String characteristics = characteristics(tx.isolationLevel(), tx.readOnly());
        if (!characteristics.isEmpty()) {
          setting("transaction", "SET SESSION CHARACTERISTICS AS TRANSACTION " + characteristics);
        }
        if (tx.isolationLevel() != null) {
          session.variables().set(VariableAssignment.Scope.SESSION, "transaction_isolation",
              tx.isolationLevel().toUpperCase(Locale.ROOT).replace(' ', '-'));
        }
        if (tx.readOnly() != null) {
          session.variables().set(VariableAssignment.Scope.SESSION, "transaction_read_only",
              tx.readOnly() ? "ON" : "OFF");
        }
      }
      case SET_NEXT_CHARACTERISTICS -> {
        if (session.inTransaction()) {
          throw new MySqlException(MySqlError.transactionInProgress());
        }
        session.nextTransactionCharacteristics(characteristics(tx.isolationLevel(), tx.readOnly()));
      }
    }
  }

  private String existingSavepoint(String requested) throws MySqlException {
    String name = savepointName(requested);
    if (!session.inTransaction() || !savepoints.contains(name)) {
      throw new MySqlException(MySqlError.savepointDoesNotExist(requested));
    }
    return name;
  }

  private static String savepointName(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private void begin(String isolation, Boolean readOnly) throws GatewayException {
    String characteristics = characteristics(isolation, readOnly);
    if (characteristics.isEmpty() && session.nextTransactionCharacteristics() != null) {
      characteristics = session.nextTransactionCharacteristics();
    }
    session.nextTransactionCharacteristics(null);
    transactionControl(characteristics.isEmpty() ? "BEGIN" : "BEGIN " + characteristics);
    afterTransactionStart();
  }

  public void commit() throws GatewayException {
    if (session.inTransaction()) {
      transactionControl("COMMIT");
    }
    afterTransactionEnd(false);
  }

  public void rollback() throws GatewayException {
    if (session.inTransaction()) {
      transactionControl("ROLLBACK");
      afterTransactionEnd(true);
    } else {
      afterTransactionEnd(false);
    }
  }

  private void afterTransactionStart() {
    savepoints.clear();
    session.settingsChangedInTransaction(false);
  }

  private void afterTransactionEnd(boolean rolledBack) throws GatewayException {
    savepoints.clear();
    if (rolledBack) {
      reapplySettingsIfUndone();
    }
    session.settingsChangedInTransaction(false);
  }

  /** PostgreSQL undoes SETs with the transaction; MySQL's session settings survive a rollback. */
  private void reapplySettingsIfUndone() throws GatewayException {
    if (!session.settingsChangedInTransaction()) {
      return;
    }
    for (String sql : engineSettings.values()) {
      internal(sql);
    }
  }

  private static String characteristics(String isolation, Boolean readOnly) {
    List<String> parts = new ArrayList<>();
    if (isolation != null) {
      parts.add("ISOLATION LEVEL " + isolation.toUpperCase(Locale.ROOT).replace('-', ' '));
    }
    if (readOnly != null) {
      parts.add(readOnly ? "READ ONLY" : "READ WRITE");
    }
    return String.join(", ", parts);
  }

  // --- session statements ----------------------------------------------------------------------

  public void useDatabase(String name) throws GatewayException, MySqlException {
    // MySQL's information_schema is the dialect's emulation schema, not PostgreSQL's.
    // lower_case_table_names = 1: database names are stored in lower case.
    String schema = name.equalsIgnoreCase("information_schema") ? "wg_mysql_is" : name.toLowerCase(Locale.ROOT);
    if (session.query("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = " + literal(schema)).isEmpty()) {
      throw new MySqlException(MySqlError.unknownDatabase(name));
    }
    setting("search_path", "SET search_path = " + quoteIdentifier(schema) + ", wg_mysql, pg_catalog");
    session.database(schema.equals("wg_mysql_is") ? "information_schema" : schema);
  }

  /** Puts a new engine session in line with the session variables' defaults (time zone, timeouts). */
  public void initialiseEngineSettings() throws GatewayException {
    for (String sql : session.variables().initialEngineStatements()) {
      internal(sql);
    }
  }

  /** Issues a session-level SET on the engine and remembers it, to re-issue after a rollback. */
  private void setting(String key, String sql) throws GatewayException {
    internal(sql);
    engineSettings.put(key, sql);
    if (session.inTransaction()) {
      session.settingsChangedInTransaction(true);
    }
  }

  private void setVariables(MySqlStatement.SetVariables set) throws GatewayException, MySqlException {
    for (VariableAssignment a : set.assignments()) {
      if (a.scope() == VariableAssignment.Scope.USER) {
        session.userVariable(a.name(), a.pgExpression() != null ? evaluate(a.pgExpression())
            : new UserVariable(a.constant(), guessType(a.constant())));
        continue;
      }
      String value = a.isDefault() ? null
          : a.pgExpression() != null ? evaluate(a.pgExpression()).text() : a.constant();
      setSystemVariable(a.scope(), a.name(), value, a.isDefault());
    }
  }

  /** {@code value} null: SQL NULL, or the default when {@code isDefault}. */
  private void setSystemVariable(VariableAssignment.Scope scope, String name, String value, boolean isDefault)
      throws GatewayException, MySqlException {
    if (name.equals("autocommit")) {
      Boolean on = isDefault ? Boolean.TRUE : value == null ? null : parseSwitch(value);
      if (on == null) {
        throw new MySqlException(MySqlError.wrongValue(name, value == null ? "NULL" : value));
      }
      if (on && !session.autocommit()) {
        commit(); // MySQL commits the open transaction when autocommit is switched on
      }
      session.autocommit(on);
      return;
    }
    var assigned = isDefault ? session.variables().setDefault(scope, name) : session.variables().set(scope, name, value);
    if (scope != VariableAssignment.Scope.SESSION) {
      return; // GLOBAL/PERSIST values apply to sessions that start later
    }
    if (assigned.engineStatement().isPresent()) {
      setting(name, assigned.engineStatement().get());
    }
    if (name.startsWith("character_set_") || name.equals("collation_connection")) {
      session.characterSetsChanged();
    }
  }



  static Boolean parseSwitch(String value) {
    return switch (value.trim().toUpperCase(Locale.ROOT)) {
      case "1", "ON", "TRUE" -> Boolean.TRUE;
      case "0", "OFF", "FALSE" -> Boolean.FALSE;
      default -> null;
    };
  }


  private UserVariable evaluate(String pgExpression) throws GatewayException {
    List<List<String>> rows = session.query(
        "SELECT v::text, pg_catalog.pg_typeof(v)::text FROM (SELECT (" + pgExpression + ") AS v) AS wg_value");
    String type = rows.get(0).get(1);
    return new UserVariable(rows.get(0).get(0), type.equals("unknown") ? "text" : type);
  }

  private static String guessType(String constant) {
    if (constant == null) {
      return "text";
    }
    if (constant.matches("-?\\d{1,18}")) {
      return "bigint";
    }
    if (constant.matches("-?\\d+(\\.\\d+)?")) {
      return "numeric";
    }
    return "text";
  }

  private void showDiagnostics(MySqlStatement.ShowDiagnostics show, ResponseWriter out, int more) {
    List<Warning> all = session.warnings().stream()
        .filter(w -> !show.errorsOnly() || w.level().equals("Error")).toList();
    if (show.countOnly()) {
      String label = "@@session." + (show.errorsOnly() ? "error_count" : "warning_count");
      out.resultSetHeader(List.of(ColumnDefinition41.computed(label, Collations.BINARY, 21, ColumnType.LONGLONG, ColumnFlags.NOT_NULL | ColumnFlags.UNSIGNED | ColumnFlags.NUM, 0)));
      out.textRow(new byte[][] {Integer.toString(all.size()).getBytes(StandardCharsets.US_ASCII)});
      out.endOfRows(session.status() | more, session.warnings().size());
      return;
    }
    long offset = show.offset() == null ? 0 : show.offset();
    long limit = show.limit() == null ? Long.MAX_VALUE : show.limit();
    int collation = session.collation();
    out.resultSetHeader(List.of(
        ColumnDefinition41.computed("Level", collation, 28, ColumnType.VAR_STRING, ColumnFlags.NOT_NULL, 31),
        ColumnDefinition41.computed("Code", Collations.BINARY, 4, ColumnType.LONG,
            ColumnFlags.NOT_NULL | ColumnFlags.UNSIGNED | ColumnFlags.NUM, 0),
        ColumnDefinition41.computed("Message", collation, 2048, ColumnType.VAR_STRING, ColumnFlags.NOT_NULL,
            31)));
    all.stream().skip(offset).limit(limit).forEach(w -> out.textRow(new byte[][] {
        w.level().getBytes(session.charset()), Integer.toString(w.code()).getBytes(StandardCharsets.US_ASCII),
        w.message().getBytes(session.charset())}));
    out.endOfRows(session.status() | more, session.warnings().size());
  }

  private void writeLocalResult(MySqlStatement.LocalResult local, ResponseWriter out, int more) {
    List<ColumnDefinition41> columns = new ArrayList<>();
    for (int i = 0; i < local.columnNames().size(); i++) {
      String type = i < local.columnTypes().size() ? local.columnTypes().get(i) : "VARCHAR";
      columns.add(LocalColumns.definition(local.columnNames().get(i), type, session.collation()));
    }
    out.resultSetHeader(columns);
    for (List<String> row : local.rows()) {
      byte[][] values = new byte[row.size()][];
      for (int i = 0; i < values.length; i++) {
        String v = row.get(i);
        values[i] = v == null ? null : v.getBytes(session.charset());
      }
      out.textRow(values);
    }
    out.endOfRows(session.status() | more, 0);
  }

  // --- helpers -----------------------------------------------------------------------------------

  /** Runs a gateway-issued session statement (SET ...) whose result nobody sees. */
  private void internal(String sql) throws GatewayException {
    session.engine().execute(new Statement(sql, StatementKind.OTHER, 0, 0), new DiscardingSink());
  }

  /** Runs gateway-issued transaction control (BEGIN, COMMIT, ROLLBACK, savepoints). */
  private void transactionControl(String sql) throws GatewayException {
    session.engine().execute(new Statement(sql, StatementKind.TRANSACTION_CONTROL, 0, 0),
        new DiscardingSink());
  }

  static String quoteIdentifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /** Swallows a result; keeps notices as warnings, if asked to. */
  public static final class DiscardingSink implements ResultSink {
    private final Warnings warnings;

    /** Drops notices too. */
    public DiscardingSink() {
      this(null);
    }

    DiscardingSink(Warnings warnings) {
      this.warnings = warnings;
    }

    @Override
    public void columns(List<Column> columns) {}

    @Override
    public void row(byte[][] values) {}

    @Override
    public void complete(String commandTag) {}

    @Override
    public void notice(GatewayError notice) {
      if (warnings != null) {
        warnings.notice(notice);
      }
    }
  }
}
