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
import wiregate.mysql.codec.Collations;
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
  private final int handshakeCollation;
  private String database;
  private boolean autocommit = true;
  private long lastInsertId;
  private long rowCount = -1;
  private long foundRows;
  private boolean clientFoundRows;
  private final Map<String, UserVariable> userVariables = new HashMap<>();
  private List<Warning> warnings = List.of();
  /** How the client encodes text (character_set_client). */
  private Charset clientCharset = StandardCharsets.UTF_8;
  /** How result text and metadata go to the client (character_set_results; NULL sends UTF-8 as stored). */
  private Charset resultCharset = StandardCharsets.UTF_8;
  /** The collation id that column definitions of text results carry. */
  private int resultCollation = Collations.UTF8MB4_0900_AI_CI;
  /** Isolation/access mode for the next transaction only (SET TRANSACTION without SESSION). */
  private String nextTransactionCharacteristics;
  /** Session settings changed inside the open transaction: a rollback undoes them on the engine. */
  private boolean settingsChangedInTransaction;
  private String timeZoneSetting;

  /**
   * @param handshakeCollation the collation id the client named in its handshake response: it sets
   *     the character_set_client/connection/results and collation_connection, as in MySQL
   */
  public MySqlSession(EngineSession engine, MySqlDialect dialect, ColumnOrigins origins, int connectionId,
      String user, int handshakeCollation) {
    this.engine = engine;
    this.dialect = dialect;
    this.origins = origins;
    this.variables = dialect.newSessionVariables(new Live());
    this.connectionId = connectionId;
    this.user = user;
    this.handshakeCollation = handshakeCollation;
    applyHandshakeCollation();
  }

  /** The values the system variables report but this session owns. */
  private final class Live implements MySqlSessionVariables.LiveValues {
    @Override
    public long connectionId() {
      return connectionId;
    }

    @Override
    public long lastInsertId() {
      return lastInsertId;
    }

    @Override
    public boolean autocommit() {
      return autocommit;
    }

    @Override
    public int warningCount() {
      return MySqlSession.this.warningCount();
    }

    @Override
    public int errorCount() {
      return MySqlSession.this.errorCount();
    }
  }

  // --- MySqlContext --------------------------------------------------------------------------

  @Override
  public String database() {
    return database;
  }

  @Override
  public Optional<String> systemVariable(VariableAssignment.Scope scope, String name) {
    return variables.get(scope, name);
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

  /** The character set result text, column names and messages are sent in (character_set_results). */
  public Charset charset() {
    return resultCharset;
  }

  /** The collation id column definitions of text results carry. */
  public int collation() {
    return resultCollation;
  }

  /** The character set text from the client (names, string parameters) arrives in (character_set_client). */
  public Charset clientCharset() {
    return clientCharset;
  }

  /**
   * How to decode statement text: the client charset, except that UTF-8 keeps bytes which are not
   * UTF-8 for the dialect to turn into binary literals ({@link RawBytesUtf8}).
   */
  public Charset statementCharset() {
    return clientCharset.equals(StandardCharsets.UTF_8) ? RawBytesUtf8.INSTANCE : clientCharset;
  }

  /** The handshake's collation sets the connection's character sets (MySQL ignores ids it lacks). */
  private void applyHandshakeCollation() {
    Collations.byId(handshakeCollation).ifPresent(c -> {
      try {
        for (String name : List.of("character_set_client", "character_set_connection", "character_set_results")) {
          variables.set(VariableAssignment.Scope.SESSION, name, c.charsetName());
        }
        variables.set(VariableAssignment.Scope.SESSION, "collation_connection", c.name());
      } catch (GatewayException e) {
        throw new IllegalStateException("the dialect rejects the protocol's collation " + c.name(), e);
      }
    });
    characterSetsChanged();
  }

  /**
   * Re-reads the character set variables after a SET. Text results go in character_set_results,
   * labelled with the connection collation when it belongs to that character set, else with the
   * character set's default collation. With character_set_results NULL, MySQL sends text unconverted:
   * here that is UTF-8, as the engine stores it, labelled utf8mb4.
   */
  void characterSetsChanged() {
    clientCharset = sessionVariable("character_set_client").flatMap(Collations::defaultFor)
        .map(Collations.Collation::javaCharset).orElse(StandardCharsets.UTF_8);
    Optional<Collations.Collation> connection = sessionVariable("collation_connection").flatMap(Collations::byName);
    String results = sessionVariable("character_set_results").orElse(null);
    String labelCharset = results != null ? results : "utf8mb4";
    Optional<Collations.Collation> label = connection.filter(c -> c.charsetName().equals(labelCharset))
        .or(() -> Collations.defaultFor(labelCharset));
    resultCharset = label.map(Collations.Collation::javaCharset).orElse(StandardCharsets.UTF_8);
    resultCollation = label.map(Collations.Collation::id).orElse(Collations.UTF8MB4_0900_AI_CI);
  }

  private Optional<String> sessionVariable(String name) {
    return variables.get(VariableAssignment.Scope.SESSION, name);
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

  /** @@warning_count: the errors, warnings and notes of the previous statement. */
  public int warningCount() {
    return warnings.size();
  }

  /** @@error_count: the errors of the previous statement. */
  public int errorCount() {
    return (int) warnings.stream().filter(w -> w.level().equals("Error")).count();
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
    applyHandshakeCollation();
  }
}
