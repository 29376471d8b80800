package wiregate.dialect.mysql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import wiregate.core.model.GatewayException;
import wiregate.core.model.StatementKind;
import wiregate.core.mysql.MySqlStatement;
import wiregate.core.mysql.MySqlStatement.EngineSql;
import wiregate.core.mysql.MySqlStatement.DmlOutcome;

/**
 * CREATE / ALTER / DROP / RENAME / TRUNCATE in MySQL's grammar (spec 5-7). One MySQL statement often
 * becomes several PostgreSQL ones (domains first, then the table, then indexes, comments, triggers);
 * all but the last go to the preamble, which the session runs in the same transaction.
 */
final class DdlTranslator {
  private static final Set<String> TABLE_OPTIONS = Set.of("ENGINE", "CHARSET", "COLLATE", "ROW_FORMAT",
      "KEY_BLOCK_SIZE", "STATS_PERSISTENT", "STATS_AUTO_RECALC", "STATS_SAMPLE_PAGES", "PACK_KEYS", "CHECKSUM",
      "DELAY_KEY_WRITE", "AVG_ROW_LENGTH", "MAX_ROWS", "MIN_ROWS", "TABLESPACE", "COMPRESSION", "ENCRYPTION",
      "INSERT_METHOD", "CONNECTION", "DATA", "INDEX", "UNION", "SECONDARY_ENGINE", "ENGINE_ATTRIBUTE",
      "AUTOEXTEND_SIZE", "STORAGE", "ALGORITHM", "LOCK");
  private static final Set<String> PROTECTED_SCHEMAS = Set.of("wg_mysql", "information_schema", "pg_catalog",
      "pg_toast", "mysql", "performance_schema", "sys");

  private final SourceStatement s;
  private final SessionValues session;
  private final PgRenderer renderer;
  /** Statements in execution order; the last one becomes EngineSql.sql. */
  private final List<String> before = new ArrayList<>();
  private final List<String> main = new ArrayList<>();
  private final List<String> after = new ArrayList<>();
  /** Column lists (plain names) of the indexes a CREATE TABLE declares, for {@link #foreignKeyIndexes}. */
  private final List<List<String>> indexedColumns = new ArrayList<>();
  /** The foreign keys of a CREATE TABLE, each with the name InnoDB gives the index it needs. */
  private final List<ForeignKeyIndex> foreignKeys = new ArrayList<>();

  private record ForeignKeyIndex(String name, List<String> columns) {}

  DdlTranslator(SourceStatement s, SessionValues session) {
    this.s = s;
    this.session = session;
    this.renderer = new PgRenderer(s, session);
  }

  MySqlStatement translate() throws GatewayException {
    String first = s.keyword(0);
    switch (first) {
      case "CREATE" -> {
        MySqlStatement other = create();
        if (other != null) {
          return other;
        }
      }
      case "ALTER" -> {
        if (s.isWord(1, "DATABASE") || s.isWord(1, "SCHEMA")) {
          return new MySqlStatement.Ignored(s.text(), "character sets and collations are fixed (utf8mb4)");
        }
        if (s.isWord(1, "TABLE") || s.words(1, "ONLINE", "TABLE") || s.words(1, "IGNORE", "TABLE")) {
          alterTable(s.findWord(1, s.size(), "TABLE") + 1);
        } else if (s.isWord(1, "VIEW") || s.isWord(1, "ALGORITHM") || s.isWord(1, "DEFINER") || s.isWord(1, "SQL")) {
          view(1, true);
        } else {
          throw unsupportedStatement(2);
        }
      }
      case "DROP" -> drop();
      case "RENAME" -> renameTables();
      case "TRUNCATE" -> {
        TableName t = TableName.read(s, s.isWord(1, "TABLE") ? 2 : 1, session, false);
        expectEnd(t.next());
        main.add("TRUNCATE TABLE " + t.qualified() + " RESTART IDENTITY");
      }
      default -> throw s.syntaxErrorAt(0);
    }
    List<String> all = new ArrayList<>(new LinkedHashSet<>(before));
    all.addAll(main);
    all.addAll(after);
    String sql = all.remove(all.size() - 1);
    return new EngineSql(s.text(), all, sql, StatementKind.OTHER, 0, DmlOutcome.NONE, true);
  }

  // --- CREATE --------------------------------------------------------------------------------------

  private MySqlStatement create() throws GatewayException {
    int i = 1;
    boolean orReplace = false;
    if (s.words(i, "OR", "REPLACE")) {
      orReplace = true;
      i += 2;
    }
    boolean temporary = s.isWord(i, "TEMPORARY");
    if (temporary) {
      i++;
    }
    String what = s.keyword(i);
    switch (what) {
      case "TABLE" -> createTable(i + 1, temporary);
      case "DATABASE", "SCHEMA" -> {
        int k = i + 1;
        boolean ifNotExists = s.words(k, "IF", "NOT", "EXISTS");
        k += ifNotExists ? 3 : 0;
        String name = schemaName(k);
        main.add("CREATE SCHEMA " + (ifNotExists ? "IF NOT EXISTS " : "") + PgText.identifier(name));
      }
      case "UNIQUE", "INDEX" -> createIndex(i, what.equals("UNIQUE"));
      case "FULLTEXT", "SPATIAL" -> {
        return new MySqlStatement.Ignored(s.text(), what + " indexes are not created (queries work without them)");
      }
      case "VIEW", "ALGORITHM", "DEFINER", "SQL" -> view(i, orReplace);
      default -> throw unsupportedStatement(i);
    }
    return null;
  }

  private GatewayException unsupportedStatement(int i) {
    String what = s.source(0, Math.min(s.size(), i + 1)).toUpperCase(java.util.Locale.ROOT);
    if (what.contains("USER") || what.contains("ROLE")) {
      return MySqlSyntaxErrors.unsupported(what + " (users are configured in the gateway)");
    }
    return MySqlSyntaxErrors.unsupported(what);
  }

  private void createTable(int i, boolean temporary) throws GatewayException {
    boolean ifNotExists = s.words(i, "IF", "NOT", "EXISTS");
    if (ifNotExists) {
      i += 3;
    }
    TableName t = TableName.read(s, i, session, temporary);
    String head = "CREATE " + (temporary ? "TEMPORARY " : "") + "TABLE " + (ifNotExists ? "IF NOT EXISTS " : "")
        + t.qualified();
    int k = t.next();
    if (s.isWord(k, "LIKE") || (s.isSymbol(k, "(") && s.isWord(k + 1, "LIKE"))) {
      int nameAt = s.isWord(k, "LIKE") ? k + 1 : k + 2;
      TableName source = TableName.read(s, nameAt, session, false);
      main.add(head + " (LIKE " + source.qualified() + " INCLUDING ALL)");
      return;
    }
    List<String> definitions = new ArrayList<>();
    if (s.isSymbol(k, "(") && !isSelectStart(k + 1)) {
      int close = s.matching(k);
      if (close < 0) {
        throw s.syntaxErrorAt(k);
      }
      tableElements(t, k + 1, close, definitions);
      k = close + 1;
    }
    k = tableOptions(t, k);
    if (k < s.size()) {
      if (s.isWord(k, "IGNORE") || s.isWord(k, "REPLACE")) {
        k++;
      }
      if (s.isWord(k, "AS")) {
        k++;
      }
      if (!isSelectStart(k)) {
        throw s.syntaxErrorAt(k);
      }
      SelectAliases.apply(s, renderer);
      main.add(head + " AS " + renderer.render(k, s.size()));
      return;
    }
    if (definitions.isEmpty()) {
      throw s.syntaxErrorAt(k);
    }
    main.add(head + " (\n  " + String.join(",\n  ", definitions) + "\n)");
  }

  private boolean isSelectStart(int k) {
    return s.isWord(k, "SELECT") || s.isWord(k, "WITH") || s.isWord(k, "TABLE") || s.isWord(k, "VALUES")
        || (s.isSymbol(k, "(") && isSelectStart(k + 1));
  }

  /** Columns and table constraints between CREATE TABLE's parentheses. */
  private void tableElements(TableName t, int from, int to, List<String> definitions) throws GatewayException {
    List<String> primaryKey = new ArrayList<>();
    List<String> constraints = new ArrayList<>();
    for (int[] part : s.splitCommas(from, to)) {
      int a = part[0];
      int b = part[1];
      if (a >= b) {
        throw s.syntaxErrorAt(a);
      }
      if (isConstraintStart(a)) {
        constraint(t, a, b, constraints, primaryKey, false);
        continue;
      }
      ColumnDefinition c = ColumnDefinition.read(s, a, b, renderer);
      definitions.add(column(t, c));
      if (c.primaryKey) {
        primaryKey.add(PgText.identifier(c.name));
      }
      if (c.unique) {
        constraints.add("CONSTRAINT " + t.siblingLocal(c.name) + " UNIQUE (" + PgText.identifier(c.name) + ")");
        indexedColumns.add(List.of(c.name));
      }
    }
    if (!primaryKey.isEmpty()) {
      definitions.add("PRIMARY KEY (" + String.join(", ", primaryKey) + ")");
      indexedColumns.add(plainNames(primaryKey));
    }
    definitions.addAll(constraints);
    foreignKeyIndexes(t);
  }

  /**
   * InnoDB gives every foreign key an index on its columns unless an index starting with them exists
   * (named after the FOREIGN KEY's index name, else its constraint symbol, else its first column).
   * PostgreSQL does not, so the gateway creates the same index: SHOW CREATE TABLE, SHOW INDEX and
   * information_schema.statistics then show it as MySQL does, and joins on the key stay fast.
   */
  private void foreignKeyIndexes(TableName t) {
    for (ForeignKeyIndex fk : foreignKeys) {
      boolean covered = indexedColumns.stream()
          .anyMatch(index -> index.size() >= fk.columns().size()
              && index.subList(0, fk.columns().size()).equals(fk.columns()));
      if (!covered) {
        after.add("CREATE INDEX IF NOT EXISTS " + t.siblingLocal(fk.name()) + " ON " + t.qualified() + " ("
            + fk.columns().stream().map(PgText::identifier).collect(java.util.stream.Collectors.joining(", ")) + ")");
        indexedColumns.add(fk.columns());
      }
    }
  }

  private static List<String> plainNames(List<String> indexColumns) {
    return indexColumns.stream().map(c -> plainName(c.replaceFirst(" (ASC|DESC)$", ""))).toList();
  }

  /** A column's declaration, and what it needs before and after the table (domain, sequence, triggers). */
  private String column(TableName t, ColumnDefinition c) {
    if (c.type.domainSetup() != null) {
      before.add(c.type.domainSetup());
    }
    String defaultOverride = null;
    String col = PgText.identifier(c.name);
    if (c.autoIncrement) {
      if (!c.type.isIdentityCapable()) {
        String sequence = t.sibling(c.name + "_seq");
        before.add("CREATE SEQUENCE IF NOT EXISTS " + sequence);
        defaultOverride = "nextval(" + PgText.literal(sequence) + "::regclass)";
        after.add("ALTER SEQUENCE " + sequence + " OWNED BY " + t.qualified() + "." + col);
      }
      after.add("CREATE OR REPLACE TRIGGER " + PgText.identifier(t.table() + "_" + c.name + "_autoinc")
          + " AFTER INSERT ON " + t.qualified() + " REFERENCING NEW TABLE AS wg_new FOR EACH STATEMENT"
          + " EXECUTE FUNCTION wg_mysql.sync_auto_increment(" + PgText.literal(c.name) + ")");
    }
    if (c.comment != null) {
      after.add("COMMENT ON COLUMN " + t.qualified() + "." + col + " IS " + PgText.literal(c.comment));
    }
    if (c.onUpdateNow) {
      after.add("SELECT wg_mysql.on_update_now(" + PgText.literal(t.qualified()) + "::regclass, "
          + PgText.literal(c.name) + ")");
    }
    return c.declaration(defaultOverride);
  }

  private boolean isConstraintStart(int a) {
    String kw = s.keyword(a);
    return switch (kw) {
      case "PRIMARY", "UNIQUE", "FOREIGN", "CONSTRAINT", "FULLTEXT", "SPATIAL" -> true;
      case "KEY", "INDEX", "CHECK" -> s.isSymbol(a + 1, "(") || (a + 2 < s.size() && s.isSymbol(a + 2, "("))
          || s.isWord(a + 1, "USING") || s.isWord(a + 2, "USING");
      default -> false;
    };
  }

  /**
   * A table constraint or index: PRIMARY KEY, UNIQUE, FOREIGN KEY and CHECK become constraints; KEY and
   * INDEX become CREATE INDEX after the table. {@code altering}: inside ALTER TABLE ... ADD.
   */
  private void constraint(TableName t, int a, int b, List<String> constraints, List<String> primaryKey,
      boolean altering) throws GatewayException {
    int i = a;
    String symbol = null;
    if (s.isWord(i, "CONSTRAINT")) {
      i++;
      if (s.get(i).isIdentifier() && !Set.of("PRIMARY", "UNIQUE", "FOREIGN", "CHECK").contains(s.keyword(i))) {
        symbol = s.get(i).identifierName();
        i++;
      }
    }
    String kw = s.keyword(i);
    switch (kw) {
      case "PRIMARY" -> {
        int open = findOpen(i, b);
        List<String> cols = indexColumns(open, s.matching(open));
        if (altering) {
          constraints.add("ADD PRIMARY KEY (" + String.join(", ", cols) + ")");
        } else {
          primaryKey.addAll(cols);
        }
        indexedColumns.add(plainNames(cols));
      }
      case "UNIQUE" -> {
        int k = i + 1;
        if (s.isWord(k, "KEY") || s.isWord(k, "INDEX")) {
          k++;
        }
        String name = indexName(k, b);
        int open = findOpen(k, b);
        List<String> cols = indexColumns(open, s.matching(open));
        String constraintName = t.siblingLocal(name != null ? name : symbol != null ? symbol
            : plainName(cols.get(0)));
        constraints.add((altering ? "ADD " : "") + "CONSTRAINT " + constraintName + " UNIQUE (" + String.join(", ", cols)
            + ")");
        indexedColumns.add(plainNames(cols));
      }
      case "KEY", "INDEX" -> {
        String name = indexName(i + 1, b);
        int open = findOpen(i + 1, b);
        List<String> cols = indexColumns(open, s.matching(open));
        String indexName = t.siblingLocal(name != null ? name : plainName(cols.get(0)));
        after.add("CREATE INDEX IF NOT EXISTS " + indexName + " ON " + t.qualified() + " (" + String.join(", ", cols)
            + ")");
        indexedColumns.add(plainNames(cols));
      }
      case "FULLTEXT", "SPATIAL" -> {
        // not created: see CREATE FULLTEXT INDEX
      }
      case "FOREIGN" -> {
        int k = i + 2;
        String name = indexName(k, b);
        int open = findOpen(k, b);
        int close = s.matching(open);
        List<String> cols = indexColumns(open, close);
        if (!s.isWord(close + 1, "REFERENCES")) {
          throw s.syntaxErrorAt(close + 1);
        }
        TableName target = TableName.read(s, close + 2, session, false);
        int refOpen = target.next();
        int refClose = s.matching(refOpen);
        if (!s.isSymbol(refOpen, "(") || refClose < 0) {
          throw s.syntaxErrorAt(refOpen);
        }
        List<String> refCols = indexColumns(refOpen, refClose);
        String actions = refClose + 1 < b ? " " + renderer.render(refClose + 1, b) : "";
        String constraintName = symbol != null ? symbol : name;
        if (!altering) {
          String indexName = name != null ? name : symbol != null ? symbol : plainName(cols.get(0));
          foreignKeys.add(new ForeignKeyIndex(indexName, plainNames(cols)));
        }
        constraints.add((altering ? "ADD " : "") + (constraintName != null ? "CONSTRAINT "
            + PgText.identifier(constraintName) + " " : "") + "FOREIGN KEY (" + String.join(", ", cols)
            + ") REFERENCES " + target.qualified() + " (" + String.join(", ", refCols) + ")" + actions);
      }
      case "CHECK" -> {
        int open = i + 1;
        int close = s.matching(open);
        constraints.add((altering ? "ADD " : "") + (symbol != null ? "CONSTRAINT " + PgText.identifier(symbol) + " "
            : "") + "CHECK (" + renderer.render(open + 1, close) + ")");
      }
      default -> throw s.syntaxErrorAt(i);
    }
  }

  private static String plainName(String identifier) {
    return identifier.startsWith("\"") ? identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"")
        : identifier.split(" ")[0];
  }

  /** An optional index name before the column list (skipping USING BTREE|HASH). */
  private String indexName(int k, int b) {
    if (k < b && s.get(k).isIdentifier() && !s.isWord(k, "USING") && !s.isSymbol(k + 1, ".")) {
      return s.get(k).identifierName();
    }
    return null;
  }

  private int findOpen(int k, int b) throws GatewayException {
    for (int j = k; j < b; j++) {
      if (s.isSymbol(j, "(")) {
        return j;
      }
    }
    throw s.syntaxErrorAt(b);
  }

  /** Index columns without MySQL's prefix lengths; expressions in parentheses kept. */
  private List<String> indexColumns(int open, int close) throws GatewayException {
    List<String> cols = new ArrayList<>();
    for (int[] part : s.splitCommas(open + 1, close)) {
      int a = part[0];
      if (s.isSymbol(a, "(")) {
        cols.add(renderer.render(a, part[1]));
        continue;
      }
      if (!s.get(a).isIdentifier()) {
        throw s.syntaxErrorAt(a);
      }
      String col = PgText.identifier(s.get(a).identifierName());
      int k = a + 1;
      if (s.isSymbol(k, "(")) {
        k = s.matching(k) + 1;
      }
      if (s.isWord(k, "ASC") || s.isWord(k, "DESC")) {
        col += " " + s.keyword(k);
      }
      cols.add(col);
    }
    return cols;
  }

  /** Table options after the column list: ignored except AUTO_INCREMENT=n and COMMENT. */
  private int tableOptions(TableName t, int k) throws GatewayException {
    while (k < s.size()) {
      String kw = s.keyword(k);
      if (s.isSymbol(k, ",")) {
        k++;
      } else if (kw.equals("DEFAULT")) {
        k++;
      } else if (kw.equals("CHARACTER") && s.isWord(k + 1, "SET")) {
        k = optionValue(k + 2);
      } else if (kw.equals("AUTO_INCREMENT")) {
        int v = s.isSymbol(k + 1, "=") ? k + 2 : k + 1;
        after.add("SELECT setval(pg_get_serial_sequence(" + PgText.literal(t.qualified()) + ", "
            + "(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = " + PgText.literal(t.qualified())
            + "::regclass AND a.attnum > 0 AND pg_get_serial_sequence(" + PgText.literal(t.qualified())
            + ", a.attname) IS NOT NULL LIMIT 1)), " + s.get(v).text() + ", false)");
        k = v + 1;
      } else if (kw.equals("COMMENT")) {
        int v = s.isSymbol(k + 1, "=") ? k + 2 : k + 1;
        after.add("COMMENT ON TABLE " + t.qualified() + " IS " + PgText.literal(s.get(v).value()));
        k = v + 1;
      } else if (kw.equals("PARTITION")) {
        return s.size();
      } else if (TABLE_OPTIONS.contains(kw)) {
        k = optionValue(k + 1);
        if (kw.equals("DATA") || kw.equals("INDEX")) {
          k = optionValue(k);
        }
      } else {
        return k;
      }
    }
    return k;
  }

  private int optionValue(int k) {
    if (s.isSymbol(k, "=")) {
      k++;
    }
    if (s.isSymbol(k, "(")) {
      return s.matching(k) + 1;
    }
    return k + 1;
  }

  private void createIndex(int i, boolean unique) throws GatewayException {
    int k = unique ? i + 2 : i + 1;
    if (!s.isWord(k - 1, "INDEX")) {
      throw s.syntaxErrorAt(k - 1);
    }
    String name = s.get(k).identifierName();
    k++;
    if (s.isWord(k, "USING")) {
      k += 2;
    }
    if (!s.isWord(k, "ON")) {
      throw s.syntaxErrorAt(k);
    }
    TableName t = TableName.read(s, k + 1, session, false);
    int open = t.next();
    int close = s.matching(open);
    if (!s.isSymbol(open, "(") || close < 0) {
      throw s.syntaxErrorAt(open);
    }
    List<String> cols = indexColumns(open, close);
    if (unique) {
      main.add("ALTER TABLE " + t.qualified() + " ADD CONSTRAINT " + t.siblingLocal(name) + " UNIQUE ("
          + String.join(", ", cols) + ")");
    } else {
      main.add("CREATE INDEX " + t.siblingLocal(name) + " ON " + t.qualified() + " (" + String.join(", ", cols) + ")");
    }
  }

  private void view(int i, boolean orReplace) throws GatewayException {
    int k = i;
    while (k < s.size() && !s.isWord(k, "VIEW")) {
      k++;
    }
    TableName v = TableName.read(s, k + 1, session, false);
    int as = v.next();
    String columns = "";
    if (s.isSymbol(as, "(")) {
      int close = s.matching(as);
      List<String> names = new ArrayList<>();
      for (int[] part : s.splitCommas(as + 1, close)) {
        names.add(PgText.identifier(s.get(part[0]).identifierName()));
      }
      columns = " (" + String.join(", ", names) + ")";
      as = close + 1;
    }
    if (!s.isWord(as, "AS")) {
      throw s.syntaxErrorAt(as);
    }
    int end = s.size();
    int with = s.findWord(as + 1, s.size(), "WITH");
    String checkOption = "";
    if (with > 0 && (s.words(with + 1, "CHECK") || s.words(with + 2, "CHECK"))) {
      checkOption = " " + s.source(with, s.size()).toUpperCase(java.util.Locale.ROOT);
      end = with;
    }
    SelectAliases.apply(s, renderer);
    main.add("CREATE " + (orReplace ? "OR REPLACE " : "") + "VIEW " + v.qualified() + columns + " AS "
        + renderer.render(as + 1, end) + checkOption);
  }

  // --- DROP / RENAME -------------------------------------------------------------------------------

  private void drop() throws GatewayException {
    int i = 1;
    boolean temporary = s.isWord(i, "TEMPORARY");
    if (temporary) {
      i++;
    }
    String what = s.keyword(i);
    switch (what) {
      case "TABLE", "TABLES", "VIEW" -> {
        int k = i + 1;
        boolean ifExists = s.words(k, "IF", "EXISTS");
        k += ifExists ? 2 : 0;
        List<String> names = new ArrayList<>();
        int end = s.size();
        if (s.isWord(end - 1, "RESTRICT") || s.isWord(end - 1, "CASCADE")) {
          end--;
        }
        for (int[] part : s.splitCommas(k, end)) {
          TableName t = TableName.read(s, part[0], session, temporary);
          if (t.next() != part[1]) {
            throw s.syntaxErrorAt(t.next());
          }
          names.add(t.qualified());
        }
        main.add("DROP " + (what.equals("VIEW") ? "VIEW " : "TABLE ") + (ifExists ? "IF EXISTS " : "")
            + String.join(", ", names));
      }
      case "DATABASE", "SCHEMA" -> {
        int k = i + 1;
        boolean ifExists = s.words(k, "IF", "EXISTS");
        k += ifExists ? 2 : 0;
        String name = schemaName(k);
        if (PROTECTED_SCHEMAS.contains(name) || name.startsWith("pg_")) {
          throw MySqlSyntaxErrors.error("42501", "Access denied for user to database '" + name + "'");
        }
        main.add("DROP SCHEMA " + (ifExists ? "IF EXISTS " : "") + PgText.identifier(name) + " CASCADE");
      }
      case "INDEX" -> {
        int on = s.findWord(i + 1, s.size(), "ON");
        if (on < 0) {
          throw s.syntaxErrorAt(s.size());
        }
        TableName t = TableName.read(s, on + 1, session, false);
        dropIndex(t, s.get(i + 1).identifierName(), main);
      }
      default -> throw unsupportedStatement(i);
    }
  }

  private void dropIndex(TableName t, String name, List<String> out) {
    if (name.equals("primary")) {
      out.add("ALTER TABLE " + t.qualified() + " DROP CONSTRAINT " + t.siblingLocal("pkey"));
      return;
    }
    // A MySQL unique key is a PostgreSQL constraint, a plain key an index: drop whichever it is.
    out.add("ALTER TABLE " + t.qualified() + " DROP CONSTRAINT IF EXISTS " + t.siblingLocal(name));
    out.add("DROP INDEX IF EXISTS " + t.sibling(name));
  }

  private void renameTables() throws GatewayException {
    if (!s.isWord(1, "TABLE") && !s.isWord(1, "TABLES")) {
      throw unsupportedStatement(1);
    }
    for (int[] part : s.splitCommas(2, s.size())) {
      TableName from = TableName.read(s, part[0], session, false);
      if (!s.isWord(from.next(), "TO")) {
        throw s.syntaxErrorAt(from.next());
      }
      TableName to = TableName.read(s, from.next() + 1, session, false);
      rename(from, to, main);
    }
  }

  private void rename(TableName from, TableName to, List<String> out) {
    String current = from.qualified();
    if (!from.schema().equals(to.schema())) {
      out.add("ALTER TABLE " + current + " SET SCHEMA " + PgText.identifier(to.schema()));
      current = PgText.identifier(to.schema()) + "." + PgText.identifier(from.table());
    }
    if (!from.table().equals(to.table())) {
      out.add("ALTER TABLE " + current + " RENAME TO " + PgText.identifier(to.table()));
    }
  }

  // --- ALTER TABLE ---------------------------------------------------------------------------------

  private void alterTable(int i) throws GatewayException {
    TableName t = TableName.read(s, i, session, false);
    List<String> actions = new ArrayList<>();
    for (int[] part : s.splitCommas(t.next(), s.size())) {
      alterClause(t, part[0], part[1], actions);
    }
    if (!actions.isEmpty()) {
      main.add(0, "ALTER TABLE " + t.qualified() + " " + String.join(", ", actions));
    }
    if (main.isEmpty() && after.isEmpty()) {
      main.add("SELECT 1 WHERE false");
    }
  }

  /** One ALTER TABLE clause: as actions of one PostgreSQL ALTER TABLE, or separate statements. */
  private void alterClause(TableName t, int a, int b, List<String> actions) throws GatewayException {
    String kw = s.keyword(a);
    switch (kw) {
      case "ADD" -> {
        int k = a + 1;
        if (s.isWord(k, "COLUMN")) {
          k++;
        }
        if (isConstraintStart(k)) {
          constraint(t, k, b, actions, null, true);
          return;
        }
        if (s.isSymbol(k, "(")) {
          int close = s.matching(k);
          for (int[] col : s.splitCommas(k + 1, close)) {
            addColumn(t, col[0], col[1], actions);
          }
          return;
        }
        addColumn(t, k, stripPosition(k, b), actions);
      }
      case "DROP" -> {
        int k = a + 1;
        if (s.words(k, "PRIMARY", "KEY")) {
          actions.add("DROP CONSTRAINT " + t.siblingLocal("pkey"));
        } else if (s.isWord(k, "INDEX") || s.isWord(k, "KEY")) {
          dropIndex(t, s.get(k + 1).identifierName(), after);
        } else if (s.words(k, "FOREIGN", "KEY") || s.isWord(k, "CHECK") || s.isWord(k, "CONSTRAINT")) {
          int nameAt = s.isWord(k, "FOREIGN") ? k + 2 : k + 1;
          actions.add("DROP CONSTRAINT " + PgText.identifier(s.get(nameAt).identifierName()));
        } else {
          if (s.isWord(k, "COLUMN")) {
            k++;
          }
          actions.add("DROP COLUMN " + PgText.identifier(s.get(k).identifierName()));
        }
      }
      case "MODIFY" -> {
        int k = s.isWord(a + 1, "COLUMN") ? a + 2 : a + 1;
        modifyColumn(t, s.get(k).identifierName(), k, stripPosition(k, b), actions);
      }
      case "CHANGE" -> {
        int k = s.isWord(a + 1, "COLUMN") ? a + 2 : a + 1;
        String old = s.get(k).identifierName();
        String renamed = s.get(k + 1).identifierName();
        if (!old.equals(renamed)) {
          main.add("ALTER TABLE " + t.qualified() + " RENAME COLUMN " + PgText.identifier(old) + " TO "
              + PgText.identifier(renamed));
        }
        modifyColumn(t, renamed, k + 1, stripPosition(k + 1, b), after);
      }
      case "ALTER" -> {
        int k = s.isWord(a + 1, "COLUMN") ? a + 2 : a + 1;
        String col = PgText.identifier(s.get(k).identifierName());
        if (s.words(k + 1, "SET", "DEFAULT")) {
          String value = s.isSymbol(k + 3, "(") ? renderer.render(k + 3, b) : renderer.token(k + 3);
          actions.add("ALTER COLUMN " + col + " SET DEFAULT " + value);
        } else if (s.words(k + 1, "DROP", "DEFAULT")) {
          actions.add("ALTER COLUMN " + col + " DROP DEFAULT");
        } else if (s.isWord(k + 1, "SET") && (s.isWord(k + 2, "VISIBLE") || s.isWord(k + 2, "INVISIBLE"))) {
          return;
        } else {
          throw s.syntaxErrorAt(k + 1);
        }
      }
      case "RENAME" -> {
        int k = a + 1;
        if (s.isWord(k, "COLUMN")) {
          actions.clear();
          main.add("ALTER TABLE " + t.qualified() + " RENAME COLUMN " + PgText.identifier(s.get(k + 1).identifierName())
              + " TO " + PgText.identifier(s.get(k + 3).identifierName()));
        } else if (s.isWord(k, "INDEX") || s.isWord(k, "KEY")) {
          after.add("ALTER INDEX " + t.sibling(s.get(k + 1).identifierName()) + " RENAME TO "
              + t.siblingLocal(s.get(k + 3).identifierName()));
        } else {
          if (s.isWord(k, "TO") || s.isWord(k, "AS")) {
            k++;
          }
          TableName to = TableName.read(s, k, session, false);
          rename(t, to, after);
        }
      }
      case "CONVERT", "ENABLE", "DISABLE", "FORCE", "ORDER", "ALGORITHM", "LOCK", "WITH", "WITHOUT" -> {
        // storage-engine or character-set clauses: nothing to do
      }
      default -> {
        if (kw.equals("DEFAULT") || kw.equals("CHARACTER") || kw.equals("AUTO_INCREMENT") || kw.equals("COMMENT")
            || TABLE_OPTIONS.contains(kw)) {
          int end = tableOptions(t, a);
          if (end != b) {
            throw s.syntaxErrorAt(end);
          }
          return;
        }
        throw s.syntaxErrorAt(a);
      }
    }
  }

  /** FIRST / AFTER col: PostgreSQL cannot place columns; the column goes last. */
  private int stripPosition(int from, int b) {
    for (int k = from; k < b; k++) {
      if (s.isWord(k, "FIRST") && k == b - 1) {
        return k;
      }
      if (s.isWord(k, "AFTER") && k == b - 2) {
        return k;
      }
    }
    return b;
  }

  private void addColumn(TableName t, int from, int to, List<String> actions) throws GatewayException {
    ColumnDefinition c = ColumnDefinition.read(s, from, to, renderer);
    actions.add("ADD COLUMN " + column(t, c));
    if (c.primaryKey) {
      actions.add("ADD PRIMARY KEY (" + PgText.identifier(c.name) + ")");
    }
    if (c.unique) {
      actions.add("ADD CONSTRAINT " + t.siblingLocal(c.name) + " UNIQUE (" + PgText.identifier(c.name) + ")");
    }
  }

  /** MODIFY / CHANGE: MySQL restates the whole column; PostgreSQL alters type, nullability and default. */
  private void modifyColumn(TableName t, String name, int from, int to, List<String> out) throws GatewayException {
    ColumnDefinition c = ColumnDefinition.read(s, from, to, renderer);
    String col = PgText.identifier(name);
    if (c.type.domainSetup() != null) {
      before.add(c.type.domainSetup());
    }
    List<String> parts = new ArrayList<>();
    parts.add("ALTER COLUMN " + col + " TYPE " + c.typeWithCollation() + " USING " + col + "::" + c.type.pgType());
    parts.add("ALTER COLUMN " + col + (c.notNull || c.primaryKey ? " SET NOT NULL" : " DROP NOT NULL"));
    if (!c.autoIncrement) {
      parts.add("ALTER COLUMN " + col + (c.defaultExpression != null ? " SET DEFAULT " + c.defaultExpression
          : " DROP DEFAULT"));
    }
    String statement = "ALTER TABLE " + t.qualified() + " " + String.join(", ", parts);
    if (out == after) {
      after.add(statement);
    } else {
      out.addAll(parts);
    }
    if (c.autoIncrement) {
      after.add("SELECT wg_mysql.ensure_auto_increment(" + PgText.literal(t.qualified()) + "::regclass, "
          + PgText.literal(name) + ")");
    }
    if (c.comment != null) {
      after.add("COMMENT ON COLUMN " + t.qualified() + "." + col + " IS " + PgText.literal(c.comment));
    }
    if (c.onUpdateNow) {
      after.add("SELECT wg_mysql.on_update_now(" + PgText.literal(t.qualified()) + "::regclass, "
          + PgText.literal(name) + ")");
    }
    if (c.primaryKey) {
      after.add("ALTER TABLE " + t.qualified() + " ADD PRIMARY KEY (" + col + ")");
    }
  }

  private String schemaName(int k) throws GatewayException {
    if (k >= s.size() || !s.get(k).isIdentifier()) {
      throw s.syntaxErrorAt(k);
    }
    return s.get(k).identifierName();
  }

  private void expectEnd(int k) throws GatewayException {
    if (k < s.size()) {
      throw s.syntaxErrorAt(k);
    }
  }
}
