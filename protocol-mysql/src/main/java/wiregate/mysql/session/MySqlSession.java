package wiregate.mysql.session;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import wiregate.core.engine.EngineSession;
import wiregate.core.model.Column;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.core.model.ResultSink;
import wiregate.core.model.Statement;
import wiregate.core.model.StatementKind;
import wiregate.core.model.TransactionStatus;
import wiregate.core.mysql.MySqlContext;
import wiregate.core.mysql.MySqlDialect;
import wiregate.core.mysql.MySqlSessionVariables;
import wiregate.core.mysql.VariableAssignment;
import wiregate.mysql.result.ColumnOrigins;

/**
 * One MySQL connection's state after authentication: its engine session, current database,
 * autocommit mode, last insert id, user variables and diagnostics. Runs on the connection's worker
 * thread only. It is also the {@link MySqlContext} the dialect translates against.
 */
public final class MySqlSession implements MySqlContext {
  /** Server status flags (mysql_com.h). */
  public static final int STATUS_IN_TRANS = 1;
  public static final int STATUS_AUTOCOMMIT = 2;
  public static final int STATUS_MORE_RESULTS = 8;
  public static final int STATUS_CURSOR_EXISTS = 64;
  public static final int STATUS_LAST_ROW_SENT = 128;

  private final EngineSession engine;
  private final MySqlDialect dialect;
  private final ColumnOrigins origins;
  private final MySqlSessionVariables variables;
  private final int connectionId;
  private final String user;
  private String database;
  private boolean autocommit = true;
  private long lastInsertId;
  private long rowCount = -1;
  private long foundRows;
  private boolean clientFoundRows;
  private final Map<String, UserVariable> userVariables = new HashMap<>();
  private List<Warning> warnings = List.of();
  private Charset charset = StandardCharsets.UTF_8;
  private int collation;
  /** Isolation/access mode for the next transaction only (SET TRANSACTION without SESSION). */
  private String nextTransactionCharacteristics;
  /** Session settings changed inside the open transaction: a rollback undoes them on the engine. */
  private boolean settingsChangedInTransaction;
  private String timeZoneSetting;

  public MySqlSession(EngineSession engine, MySqlDialect dialect, ColumnOrigins origins, int connectionId,
      String user, int collation, Charset charset) {
    this.engine = engine;
    this.dialect = dialect;
    this.origins = origins;
    this.variables = dialect.newSessionVariables();
    this.connectionId = connectionId;
    this.user = user;
    this.collation = collation;
    this.charset = charset;
  }

  // --- MySqlContext --------------------------------------------------------------------------

  @Override
  public String database() {
    return database;
  }

  @Override
  public Optional<String> systemVariable(VariableAssignment.Scope scope, String name) {
    String n = name.toLowerCase(Locale.ROOT);
    // Values only the session knows.
    switch (n) {
      case "autocommit":
        return Optional.of(autocommit ? "1" : "0");
      case "last_insert_id", "identity":
        return Optional.of(Long.toUnsignedString(lastInsertId));
      case "warning_count":
        return Optional.of(Integer.toString(warnings.size()));
      case "error_count":
        return Optional.of(Long.toString(warnings.stream().filter(w -> w.level().equals("Error")).count()));
      case "pseudo_thread_id":
        return Optional.of(Integer.toString(connectionId));
      default:
        return variables.get(scope, n);
    }
  }

  @Override
  public Optional<UserVariable> userVariable(String name) {
    return Optional.ofNullable(userVariables.get(name.toLowerCase(Locale.ROOT)));
  }

  @Override
  public long rowCount() {
    return rowCount;
  }

  @Override
  public long foundRows() {
    return foundRows;
  }

  void rowCount(long rows) {
    rowCount = rows;
  }

  void foundRows(long rows) {
    foundRows = rows;
  }

  /** The client set CLIENT_FOUND_ROWS: UPDATE and upserts report matched rather than changed rows. */
  public boolean clientFoundRows() {
    return clientFoundRows;
  }

  public void clientFoundRows(boolean on) {
    clientFoundRows = on;
  }

  @Override
  public long lastInsertId() {
    return lastInsertId;
  }

  @Override
  public List<List<String>> query(String pgSql) throws GatewayException {
    RowCollector rows = new RowCollector();
    engine.execute(new Statement(pgSql, StatementKind.QUERY, 0, 0), rows);
    return rows.rows();
  }

  // --- state the commands share ----------------------------------------------------------------

  public EngineSession engine() {
    return engine;
  }

  public MySqlDialect dialect() {
    return dialect;
  }

  public ColumnOrigins origins() {
    return origins;
  }

  public MySqlSessionVariables variables() {
    return variables;
  }

  public int connectionId() {
    return connectionId;
  }

  @Override
  public String user() {
    return user;
  }

  public Charset charset() {
    return charset;
  }

  public int collation() {
    return collation;
  }

  void characterSet(Charset newCharset, int newCollation) {
    charset = newCharset;
    collation = newCollation;
  }

  public boolean autocommit() {
    return autocommit;
  }

  void autocommit(boolean on) {
    autocommit = on;
  }

  void lastInsertId(long id) {
    lastInsertId = id;
  }

  void userVariable(String name, UserVariable value) {
    userVariables.put(name.toLowerCase(Locale.ROOT), value);
  }

  /** The server status flags for the next OK/EOF. */
  public int status() {
    int status = autocommit ? STATUS_AUTOCOMMIT : 0;
    if (engine.transactionStatus() != TransactionStatus.IDLE) {
      status |= STATUS_IN_TRANS;
    }
    return status;
  }

  public boolean inTransaction() {
    return engine.transactionStatus() != TransactionStatus.IDLE;
  }

  public List<Warning> warnings() {
    return warnings;
  }

  /** Starts a new statement's diagnostics area (every statement but SHOW WARNINGS/ERRORS does). */
  void warnings(List<Warning> latest) {
    warnings = List.copyOf(latest);
  }

  String nextTransactionCharacteristics() {
    return nextTransactionCharacteristics;
  }

  void nextTransactionCharacteristics(String characteristics) {
    nextTransactionCharacteristics = characteristics;
  }

  /** The current database as the engine's search_path. */
  void database(String newDatabase) {
    database = newDatabase;
  }

  String timeZoneSetting() {
    return timeZoneSetting;
  }

  void timeZoneSetting(String setting) {
    timeZoneSetting = setting;
  }

  boolean settingsChangedInTransaction() {
    return settingsChangedInTransaction;
  }

  void settingsChangedInTransaction(boolean changed) {
    settingsChangedInTransaction = changed;
  }

  /** COM_RESET_CONNECTION / COM_CHANGE_USER: MySQL's session reset, keeping the current database. */
  public void resetState() {
    autocommit = true;
    lastInsertId = 0;
    rowCount = -1;
    foundRows = 0;
    userVariables.clear();
    warnings = List.of();
    nextTransactionCharacteristics = null;
    settingsChangedInTransaction = false;
    variables.reset();
  }
}
