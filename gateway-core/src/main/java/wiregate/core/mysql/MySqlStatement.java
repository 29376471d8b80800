package wiregate.core.mysql;

import java.util.List;
import wiregate.core.model.Statement;
import wiregate.core.model.StatementKind;

/**
 * What the gateway does for one MySQL statement, as the MySQL dialect decided it. A client text with
 * several statements becomes several of these, in order. Protocol code acts on them; it never looks
 * at the MySQL text itself.
 */
public sealed interface MySqlStatement {
  /** The statement's text as the client sent it (for errors, logs and the general log). */
  String originalText();

  /**
   * Canonical PostgreSQL SQL for the engine. {@code preamble} runs first, its results discarded
   * (e.g. creating the domains a CREATE TABLE needs); {@code sql} is the statement whose outcome the
   * client sees. {@code parameterCount} is the number of {@code $n} placeholders (from {@code ?}).
   */
  record EngineSql(
      String originalText,
      List<String> preamble,
      String sql,
      StatementKind kind,
      int parameterCount,
      DmlOutcome dmlOutcome,
      boolean changesCatalog,
      List<SelectItem> selectItems,
      boolean rerunnable)
      implements MySqlStatement {
    /**
     * @param selectItems what the dialect knows of the result columns, one per leading item of the
     *     outer select list (fewer than the result's columns when it stops at a {@code *}); empty when
     *     it knows nothing
     * @param rerunnable a plain read that may run twice (see {@link Statement#rerunnable()})
     */
    public EngineSql {
      preamble = List.copyOf(preamble);
      selectItems = List.copyOf(selectItems);
    }

    public EngineSql(String originalText, List<String> preamble, String sql, StatementKind kind, int parameterCount,
        DmlOutcome dmlOutcome, boolean changesCatalog) {
      this(originalText, preamble, sql, kind, parameterCount, dmlOutcome, changesCatalog, List.of(), false);
    }

    /** The statement the engine runs (the preamble runs before it, separately). */
    public Statement engineStatement() {
      return new Statement(sql, kind, 0, parameterCount, rerunnable);
    }

    public static EngineSql simple(String originalText, String sql, StatementKind kind, int parameterCount) {
      return new EngineSql(originalText, List.of(), sql, kind, parameterCount, DmlOutcome.NONE, false);
    }

    /**
     * For MySQL's {@code SELECT @v := expr}: per result column, the user variable that takes the
     * column's value in the last row (null for a column that assigns none); empty when the statement
     * assigns no variable.
     */
    public List<String> assignedUserVariables() {
      if (selectItems.stream().allMatch(i -> i.assignedUserVariable() == null)) {
        return List.of();
      }
      return java.util.Collections.unmodifiableList(
          selectItems.stream().map(SelectItem::assignedUserVariable).collect(java.util.stream.Collectors.toList()));
    }
  }

  /**
   * What the dialect knows of one result column from its select item, beyond what the engine
   * describes: MySQL reports a computed column's nullability and display size, PostgreSQL does not.
   *
   * @param assignedUserVariable the user variable {@code SELECT @v := expr} assigns, or null
   * @param notNull the value can never be NULL (literals, COUNT(*), NOW(), ...)
   * @param displayChars MySQL's display length in characters for a literal, or -1 when unknown
   * @param decimals a numeric literal's digits after the point, or -1 when unknown
   */
  record SelectItem(String assignedUserVariable, boolean notNull, int displayChars, int decimals) {
    public static final SelectItem UNKNOWN = new SelectItem(null, false, -1, -1);

    public SelectItem withAssignedUserVariable(String variable) {
      return new SelectItem(variable, notNull, displayChars, decimals);
    }
  }

  /**
   * A result the gateway answers itself (SHOW VARIABLES, SHOW ENGINES, ...). Every value is text or
   * null; {@code columnTypes} names each column's MySQL type as MySQL reports it for that result
   * ("VARCHAR", "BIGINT", ...).
   */
  record LocalResult(String originalText, List<String> columnNames, List<String> columnTypes,
      List<List<String>> rows) implements MySqlStatement {}

  /** SET of session, global or user variables; each value is PostgreSQL SQL to evaluate, or a constant. */
  record SetVariables(String originalText, List<VariableAssignment> assignments) implements MySqlStatement {}

  /** USE db (and COM_INIT_DB): switch the current database, i.e. the PostgreSQL schema. */
  record UseDatabase(String originalText, String database) implements MySqlStatement {}

  /** Transaction control; the session keeps MySQL's autocommit and savepoint semantics. */
  record Transaction(String originalText, TransactionOp op, String savepoint, String isolationLevel,
      Boolean readOnly, boolean chain, boolean release) implements MySqlStatement {}

  /** SHOW WARNINGS / SHOW ERRORS / SHOW COUNT(*) WARNINGS: answered from the session's diagnostics. */
  record ShowDiagnostics(String originalText, boolean errorsOnly, boolean countOnly, Long limit, Long offset)
      implements MySqlStatement {}

  /**
   * KILL [CONNECTION | QUERY] id: ends another connection of this gateway, or its running statement.
   * {@code connectionId} is PostgreSQL SQL for the id (a number, or an expression the session evaluates).
   */
  record Kill(String originalText, String connectionId, boolean queryOnly) implements MySqlStatement {}

  /** A statement accepted and ignored (e.g. LOCK TABLES, FLUSH, ANALYZE of a MySQL-only kind): plain OK. */
  record Ignored(String originalText, String reason) implements MySqlStatement {}

  /**
   * How a DML statement's outcome maps to MySQL's affected rows, last-insert-id and OK info: when not
   * NONE, the SQL returns rows the protocol reads instead of sending them (shapes below).
   */
  enum DmlOutcome {
    /** Affected rows from the command tag. */
    NONE,
    /**
     * The SQL ends with {@code RETURNING <auto-increment column>} and the values came from the
     * sequence: affected rows = row count; last-insert-id = the first returned value.
     */
    RETURNING_GENERATED_KEY,
    /**
     * As RETURNING_GENERATED_KEY, but the client gave the auto-increment values itself: the OK packet
     * carries the first one and LAST_INSERT_ID() stays as it was (MySQL changes it for generated values
     * only).
     */
    RETURNING_EXPLICIT_KEY,
    /**
     * An upsert (ON DUPLICATE KEY UPDATE / REPLACE): one row per source row, {@code (auto-increment
     * value or NULL, status, key generated)}; status true = inserted, false = an existing row was
     * changed (replaced), NULL = the existing row was left unchanged. Affected rows = inserted + 2 *
     * changed (+ unchanged with CLIENT_FOUND_ROWS), as MySQL counts them.
     */
    UPSERT_RETURNING,
    /**
     * INSERT IGNORE: one row per source row, {@code (auto-increment value or NULL, status, key
     * generated)}; status true = inserted, NULL = skipped as a duplicate (a warning 1062 each).
     */
    IGNORE_RETURNING,
    /**
     * UPDATE: one row {@code (matched, changed)}. MySQL's affected rows are the changed rows (the
     * matched ones with CLIENT_FOUND_ROWS); the OK info says both.
     */
    UPDATE_COUNTS
  }

  enum TransactionOp {
    BEGIN,
    COMMIT,
    ROLLBACK,
    SAVEPOINT,
    ROLLBACK_TO_SAVEPOINT,
    RELEASE_SAVEPOINT,
    /** SET [SESSION|GLOBAL] TRANSACTION ISOLATION LEVEL ... / READ ONLY|WRITE. */
    SET_CHARACTERISTICS,
    /** SET TRANSACTION ... without SESSION/GLOBAL: applies to the next transaction only. */
    SET_NEXT_CHARACTERISTICS
  }
}
