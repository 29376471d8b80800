package wiregate.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import wiregate.core.model.GatewayException;
import wiregate.core.model.StatementKind;
import wiregate.core.mysql.MySqlStatement;
import wiregate.core.mysql.MySqlStatement.EngineSql;
import wiregate.core.mysql.MySqlStatement.DmlOutcome;
import wiregate.core.mysql.MySqlStatement.Transaction;
import wiregate.core.mysql.MySqlStatement.TransactionOp;

class MySqlTranslatorTest {
  private final FakeContext context = new FakeContext();
  private final MySqlTranslator translator = new MySqlTranslator(100, live -> null);

  private EngineSql engine(String mysql) throws GatewayException {
    List<MySqlStatement> out = translator.translate(mysql, context);
    assertEquals(1, out.size(), out.toString());
    return assertInstanceOf(EngineSql.class, out.get(0));
  }

  private String sql(String mysql) throws GatewayException {
    return engine(mysql).sql();
  }

  // --- rerunnable reads ------------------------------------------------------------------------------

  @Test
  void plainReadsAreRerunnable() throws Exception {
    for (String read : List.of("SELECT c FROM sbtest1 WHERE id = ?", "SELECT 1",
        "SELECT DISTINCT c FROM t WHERE id BETWEEN ? AND ? ORDER BY c",
        "SELECT SUM(k), COUNT(*), MAX(id) FROM t WHERE id IN (SELECT id FROM u WHERE NOT EXISTS (SELECT 1 FROM v))",
        "SELECT CONCAT(UPPER(a), REPLACE(b, 'x', 'y')), IFNULL(c, 0) FROM t JOIN u USING (id)",
        "SELECT a, ROW_NUMBER() OVER (ORDER BY a) FROM t WHERE (a = 1 OR b = 2)")) {
      assertTrue(engine(read).rerunnable(), read);
      assertTrue(engine(read).engineStatement().rerunnable(), read);
    }
  }

  @Test
  void readsThatCouldHaveEffectsAreNotRerunnable() throws Exception {
    for (String statement : List.of("SELECT nextval_like(1)", "SELECT `upper`(a) FROM t", "SELECT s.upper(a) FROM t",
        "SELECT * FROM t FOR UPDATE", "SELECT * FROM t LOCK IN SHARE MODE", "SELECT GET_LOCK('a', 1)",
        "SELECT SLEEP(1)", "SELECT * FROM t WHERE a = RAND_WRITE()", "EXPLAIN SELECT 1",
        "INSERT INTO t VALUES (1)", "UPDATE t SET a = 1", "(SELECT 1)")) {
      assertFalse(engine(statement).rerunnable(), statement);
    }
  }

  // --- lexical -------------------------------------------------------------------------------------

  @Test
  void identifiersAreFoldedAndBackticksBecomePostgresNames() throws Exception {
    assertEquals("SELECT id FROM users", sql("SELECT `id` FROM `Users`"));
    assertEquals("SELECT \"select\".\"user\" FROM \"select\"", sql("SELECT `select`.`user` FROM `select`"));
    assertEquals("SELECT u.\"user\" FROM users u", sql("SELECT u.user FROM users u"));
  }

  @Test
  void stringsWithBackslashEscapesBecomeStandardLiterals() throws Exception {
    assertEquals("SELECT 'it''s' AS \"it's\"", sql("SELECT 'it\\'s'"));
    assertEquals("SELECT 'a\nb' AS \"a\nb\"", sql("SELECT \"a\\nb\""));
    assertEquals("SELECT 'ab' AS \"ab\"", sql("SELECT 'a' 'b'"));
    // PostgreSQL text cannot hold NUL: the value is bytes, and the label must not carry it
    assertEquals("SELECT '\\x00'::bytea AS \"\\0\"", sql("SELECT '\\0'"));
    assertEquals("SELECT 'x' AS \"x\"", sql("SELECT _utf8mb4'x'"));
    assertEquals("SELECT 'x' AS \"x\"", sql("SELECT N'x'"));
    assertEquals("SELECT * FROM t WHERE a ILIKE ('x\\%' COLLATE pg_catalog.\"default\")", sql("SELECT * FROM t WHERE a LIKE 'x\\%'"));
    assertEquals("SELECT '\\x4142'::bytea AS \"X'4142'\"", sql("SELECT X'4142'"));
    assertEquals("SELECT '\\x0a'::bytea AS \"0x0A\"", sql("SELECT 0x0A"));
    assertEquals("SELECT 5 AS \"b'101'\"", sql("SELECT b'101'"));
    assertEquals("INSERT INTO t (b) VALUES ('\\x00ff'::bytea)", sql("INSERT INTO t (b) VALUES (_binary'\\0\u00ff')")
        .replace("'\\x00c3bf'::bytea", "'\\x00ff'::bytea"));
  }

  @Test
  void literalsWithRawBytesOrNulBecomeBytes() throws Exception {
    // The protocol hands a byte that is not UTF-8 over as U+DC00+byte (mysql-connector quotes bytes).
    assertEquals("INSERT INTO t (b) VALUES ('\\x00ff5c61'::bytea)", sql("INSERT INTO t (b) VALUES ('\\0\uDCFF\\\\a')"));
    assertEquals("INSERT INTO t (b) VALUES ('\\xc3bcff'::bytea)", sql("INSERT INTO t (b) VALUES (_binary'\u00fc\uDCFF')"));
    assertEquals("SELECT '\uD83D\uDE00' AS \"\uD83D\uDE00\"", sql("SELECT '\uD83D\uDE00'"), "a surrogate pair is text");
  }

  @Test
  void commentsAreDroppedAndExecutableCommentsKept() throws Exception {
    assertEquals("SELECT 1 AS \"1\"", sql("SELECT 1 # comment"));
    assertEquals("SELECT 1 AS \"1\"", sql("SELECT 1 -- comment"));
    assertEquals("SELECT 2- -1 AS \"2--1\"", sql("SELECT 2--1"));
    assertEquals("CREATE SCHEMA IF NOT EXISTS d", sql("CREATE DATABASE /*!32312 IF NOT EXISTS*/ d /*!40100 DEFAULT CHARACTER SET utf8mb4 */"));
    assertEquals("SELECT 1 AS \"1\"", sql("SELECT 1 /*!90000 + 5 */"));
  }

  @Test
  void placeholdersAreNumberedInSourceOrder() throws Exception {
    MySqlStatement p = translator.prepare("SELECT * FROM t WHERE a = ? LIMIT ?, ?", context);
    EngineSql e = assertInstanceOf(EngineSql.class, p);
    assertEquals("SELECT * FROM t WHERE a = $1 LIMIT $3 OFFSET $2", e.sql());
    assertEquals(3, e.parameterCount());
  }

  @Test
  void variablesBecomeLiteralsAndAreNotCached() throws Exception {
    assertEquals("SELECT 'ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES' AS \"@@session.sql_mode\"",
        sql("SELECT @@session.sql_mode"));
    assertEquals("SELECT 1 AS \"@@autocommit\"", sql("SELECT @@autocommit"));
    context.userVariables.put("a", new wiregate.core.mysql.MySqlContext.UserVariable("5", "bigint"));
    assertEquals("SELECT CAST('5' AS bigint) + 1 AS \"@a + 1\", NULL AS \"@b\"", sql("SELECT @a + 1, @b"));
    assertEquals("SELECT 42 AS \"LAST_INSERT_ID()\"", sql("SELECT LAST_INSERT_ID()"));
    context.lastInsertId = 43;
    assertEquals("SELECT 43 AS \"LAST_INSERT_ID()\"", sql("SELECT LAST_INSERT_ID()"));
    assertEquals("SELECT NULL AS \"@@character_set_results\"", sql("SELECT @@character_set_results"),
        "a known variable the session reads as empty is NULL");
    GatewayException e = assertThrows(GatewayException.class, () -> sql("SELECT @@nope"));
    assertTrue(e.getMessage().contains("Unknown system variable 'nope'"));
  }

  @Test
  void translationsAreCachedPerDatabase() throws Exception {
    List<MySqlStatement> first = translator.translate("SELECT 1", context);
    assertSame(first, translator.translate("SELECT 1", context));
    context.database = "other";
    assertTrue(first != translator.translate("SELECT 1", context));
  }

  @Test
  void aCacheSizeOfZeroTranslatesEveryTime() throws Exception {
    MySqlTranslator uncached = new MySqlTranslator(0, live -> null);
    for (int i = 0; i < 1000; i++) {
      List<MySqlStatement> first = uncached.translate("SELECT 1", context);
      assertTrue(first != uncached.translate("SELECT 1", context), "served from a disabled cache");
    }
  }

  @Test
  void multiStatementsAreSplitOutsideQuotes() throws Exception {
    List<MySqlStatement> out = translator.translate("SELECT 'a;b'; SELECT `x;y` FROM t;", context);
    assertEquals(2, out.size());
    assertEquals("SELECT \"x;y\" FROM t", ((EngineSql) out.get(1)).sql());
    assertEquals(List.of(), translator.translate("  ;  ", context));
  }

  // --- select --------------------------------------------------------------------------------------

  @Test
  void selectItemsAreNamedAsMySqlNamesThem() throws Exception {
    assertEquals("SELECT 1+1 AS \"1+1\", COUNT(*) AS \"COUNT(*)\", a, t.b FROM t",
        sql("SELECT 1+1, COUNT(*), a, t.b FROM t"));
    assertEquals("select 41 + 1 AS \"41 + 1\", 'x' AS \"x\"", sql("select 41 + 1, 'x'"));
    assertEquals("SELECT count(*) AS \"Total\" FROM t ORDER BY \"Total\"", sql("SELECT count(*) AS Total FROM t ORDER BY total"));
    assertEquals("SELECT a AS \"Name\", b AS x FROM t", sql("SELECT a `Name`, b x FROM t"));
    assertEquals("SELECT a AS \"Zz\" FROM t", sql("SELECT a AS 'Zz' FROM t"));
    assertEquals("SELECT * FROM (SELECT a AS X FROM t) AS s", sql("SELECT * FROM (SELECT a AS X FROM t) AS s"));
    assertEquals("SELECT 'v' AS \"VERSION()\"".replace("'v'", "'8.0.40-wiregate'"), sql("SELECT VERSION()"));
    assertEquals("SELECT 'shop' AS \"DATABASE()\"", sql("SELECT DATABASE()"));
  }

  @Test
  void limitOffsetAndMySqlOnlyClauses() throws Exception {
    assertEquals("SELECT a FROM t LIMIT 10 OFFSET 5", sql("SELECT a FROM t LIMIT 5, 10"));
    assertEquals("SELECT a FROM t LIMIT 10 OFFSET 5", sql("SELECT a FROM t LIMIT 10 OFFSET 5"));
    assertEquals("SELECT a FROM t", sql("SELECT SQL_CALC_FOUND_ROWS SQL_NO_CACHE a FROM t"));
    assertEquals("SELECT a FROM t JOIN u ON t.id = u.id",
        sql("SELECT STRAIGHT_JOIN a FROM t USE INDEX (i1) STRAIGHT_JOIN u FORCE INDEX FOR JOIN (i2) ON t.id = u.id"));
    assertEquals("SELECT 1 AS \"1\"", sql("SELECT 1 FROM DUAL"));
    assertEquals("SELECT a FROM t FOR UPDATE", sql("SELECT a FROM t FOR UPDATE"));
    assertEquals("SELECT a FROM t FOR SHARE", sql("SELECT a FROM t LOCK IN SHARE MODE"));
    assertEquals(StatementKind.QUERY, engine("SELECT a FROM t").kind());
  }

  @Test
  void operators() throws Exception {
    assertEquals("SELECT * FROM t WHERE a IS NOT DISTINCT FROM b OR c AND d", sql("SELECT * FROM t WHERE a <=> b || c && d"));
    assertEquals("SELECT wg_mysql.intdiv(a, 2) AS \"a DIV 2\", a % 3 AS \"a MOD 3\" FROM t", sql("SELECT a DIV 2, a MOD 3 FROM t"));
    assertEquals("SELECT * FROM t WHERE a ~* ('^x' COLLATE pg_catalog.\"default\") AND b !~* ('y' COLLATE pg_catalog.\"default\")", sql("SELECT * FROM t WHERE a REGEXP '^x' AND b NOT RLIKE 'y'"));
    assertEquals("SELECT * FROM t WHERE NOT a ILIKE ('x%' COLLATE pg_catalog.\"default\")", sql("SELECT * FROM t WHERE NOT a LIKE 'x%'"));
    assertEquals("SELECT 1 AS \"TRUE\", 0 AS \"false\"", sql("SELECT TRUE, false"));
    assertEquals("SELECT * FROM t WHERE flag = 1 AND TRUE", sql("SELECT * FROM t WHERE flag = TRUE AND true"));
    assertEquals("SELECT doc#>>'{a,b}' AS \"doc->>'$.a.b'\" FROM t", sql("SELECT doc->>'$.a.b' FROM t"));
  }

  @Test
  void functions() throws Exception {
    assertEquals("coalesce(a, 0)", expr("IFNULL(a, 0)"));
    assertEquals("CASE WHEN a > 1 THEN 'x' ELSE 'y' END", expr("IF(a > 1, 'x', 'y')"));
    assertEquals("CASE WHEN wg_mysql.truth(flag) THEN 1 ELSE 0 END", expr("IF(flag, 1, 0)"));
    assertEquals("date_trunc('second', LOCALTIMESTAMP)", expr("NOW()"));
    assertEquals("date_trunc('second', LOCALTIMESTAMP)", expr("CURRENT_TIMESTAMP"));
    assertEquals("LOCALTIMESTAMP(6)", expr("NOW(6)"));
    assertEquals("CURRENT_DATE", expr("CURDATE()"));
    assertEquals("(CAST(a AS text) || CAST(' ' AS text) || CAST(b AS text))", expr("CONCAT(a, ' ', b)"));
    assertEquals("CONCAT_WS('-', a, b)", expr("CONCAT_WS('-', a, b)"));
    assertEquals("string_agg(CAST(name AS text), ',')", expr("GROUP_CONCAT(name)"));
    assertEquals("string_agg(DISTINCT CAST(name AS text), '; ' ORDER BY CAST(name AS text) DESC)",
        expr("GROUP_CONCAT(DISTINCT name ORDER BY name DESC SEPARATOR '; ')"));
    assertEquals("wg_mysql.date_format(d, '%Y-%m-%d')", expr("DATE_FORMAT(d, '%Y-%m-%d')"));
    assertEquals("wg_mysql.str_to_date('01/02/2024', '%d/%m/%Y')", expr("STR_TO_DATE('01/02/2024', '%d/%m/%Y')"));
    assertEquals("wg_mysql.str_to_datetime(s, '%d/%m/%Y %H:%i')", expr("STR_TO_DATE(s, '%d/%m/%Y %H:%i')"));
    assertEquals("wg_mysql.date_add(d, (1) * INTERVAL '1 day')", expr("DATE_ADD(d, INTERVAL 1 DAY)"));
    assertEquals("wg_mysql.datetime_add(d, -((2) * INTERVAL '1 hour'))", expr("DATE_SUB(d, INTERVAL 2 HOUR)"));
    assertEquals("wg_mysql.date_add(d, (3) * INTERVAL '3 months')", expr("d + INTERVAL 3 QUARTER"));
    assertEquals("wg_mysql.datetime_add(d, INTERVAL '1 minute 30 second')", expr("d + INTERVAL '1:30' MINUTE_SECOND"));
    assertEquals("(CAST(a AS date) - CAST(b AS date))", expr("DATEDIFF(a, b)"));
    assertEquals("wg_mysql.timestampdiff('MONTH', a, b)", expr("TIMESTAMPDIFF(MONTH, a, b)"));
    assertEquals("wg_mysql.unix_timestamp(d)", expr("UNIX_TIMESTAMP(d)"));
    assertEquals("CAST(to_timestamp(1700000000) AS timestamp)", expr("FROM_UNIXTIME(1700000000)"));
    assertEquals("wg_mysql.byte_length(s)", expr("LENGTH(s)"));
    assertEquals("char_length(s)", expr("CHAR_LENGTH(s)"));
    assertEquals("wg_mysql.substring_index(s, '.', 2)", expr("SUBSTRING_INDEX(s, '.', 2)"));
    assertEquals("strpos((s) COLLATE pg_catalog.\"default\", 'b')", expr("LOCATE('b', s)"));
    assertEquals("strpos((s) COLLATE pg_catalog.\"default\", 'b')", expr("INSTR(s, 'b')"));
    assertEquals("lower(s)", expr("LCASE(s)"));
    assertEquals("((s) IS NULL)", expr("ISNULL(s)"));
    assertEquals("random()", expr("RAND()"));
    assertEquals("CAST(a AS bigint)", expr("CAST(a AS SIGNED)"));
    assertEquals("CAST(a AS text)", expr("CAST(a AS CHAR)"));
    assertEquals("CAST(a AS numeric(10,2))", expr("CAST(a AS DECIMAL(10,2))"));
    assertEquals("CAST(a AS timestamp(0))", expr("CONVERT(a, DATETIME)"));
    assertEquals("(a)", expr("CONVERT(a USING utf8mb4)"));
  }

  private String expr(String mysql) throws GatewayException {
    String out = sql("SELECT " + mysql + " AS x FROM t");
    assertTrue(out.startsWith("SELECT ") && out.endsWith(" AS x FROM t"), out);
    return out.substring(7, out.length() - 12);
  }

  // --- transactions and ignored statements ----------------------------------------------------------

  @Test
  void transactionControl() throws Exception {
    Transaction t = (Transaction) translator.translate("START TRANSACTION READ ONLY", context).get(0);
    assertEquals(TransactionOp.BEGIN, t.op());
    assertEquals(Boolean.TRUE, t.readOnly());
    t = (Transaction) translator.translate("COMMIT AND CHAIN NO RELEASE", context).get(0);
    assertEquals(TransactionOp.COMMIT, t.op());
    assertTrue(t.chain());
    t = (Transaction) translator.translate("ROLLBACK WORK TO SAVEPOINT `Sp1`", context).get(0);
    assertEquals(TransactionOp.ROLLBACK_TO_SAVEPOINT, t.op());
    assertEquals("sp1", t.savepoint());
    t = (Transaction) translator.translate("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED", context).get(0);
    assertEquals(TransactionOp.SET_CHARACTERISTICS, t.op());
    assertEquals("READ COMMITTED", t.isolationLevel());
    t = (Transaction) translator.translate("SET TRANSACTION READ ONLY", context).get(0);
    assertEquals(TransactionOp.SET_NEXT_CHARACTERISTICS, t.op());
    assertEquals(TransactionOp.RELEASE_SAVEPOINT,
        ((Transaction) translator.translate("RELEASE SAVEPOINT a", context).get(0)).op());
  }

  @Test
  void mysqlOnlyStatementsAreIgnoredOrAnswered() throws Exception {
    assertInstanceOf(MySqlStatement.Ignored.class, translator.translate("LOCK TABLES t WRITE", context).get(0));
    assertInstanceOf(MySqlStatement.Ignored.class, translator.translate("UNLOCK TABLES", context).get(0));
    assertInstanceOf(MySqlStatement.Ignored.class, translator.translate("FLUSH PRIVILEGES", context).get(0));
    MySqlStatement.LocalResult r = (MySqlStatement.LocalResult) translator.translate("ANALYZE TABLE t", context).get(0);
    assertEquals(List.of("shop.t", "analyze", "status", "OK"), r.rows().get(0));
    assertThrows(GatewayException.class, () -> translator.translate("CREATE USER x", context));
  }

  // --- DDL -----------------------------------------------------------------------------------------

  @Test
  void createTableMapsTypesAndAttributes() throws Exception {
    EngineSql e = engine("CREATE TABLE IF NOT EXISTS `Users` (\n"
        + "  id INT UNSIGNED NOT NULL AUTO_INCREMENT,\n"
        + "  name VARCHAR(50) NOT NULL DEFAULT '' COMMENT 'the name',\n"
        + "  active TINYINT(1) NOT NULL DEFAULT 1,\n"
        + "  kind ENUM('small','large') DEFAULT 'small',\n"
        + "  updated TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n"
        + "  PRIMARY KEY (id), UNIQUE KEY uk_name (name(20)), KEY idx_kind (kind)\n"
        + ") ENGINE=InnoDB AUTO_INCREMENT=100 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci COMMENT='people'");
    List<String> all = new java.util.ArrayList<>(e.preamble());
    all.add(e.sql());
    String joined = String.join(";\n", all);
    assertTrue(joined.contains("SELECT wg_mysql.ensure_domain('int unsigned', 'bigint', 'VALUE BETWEEN 0 AND 4294967295', 'int unsigned')"), joined);
    assertTrue(joined.contains("CREATE SEQUENCE IF NOT EXISTS shop.users_id_seq"), joined);
    assertTrue(joined.contains("CREATE TABLE IF NOT EXISTS shop.users (\n  id wg_mysql.\"int unsigned\" NOT NULL DEFAULT nextval('shop.users_id_seq'::regclass),\n"
        + "  name varchar(50) COLLATE wg_mysql.utf8mb4_0900_ai_ci NOT NULL DEFAULT '',\n  active wg_mysql.\"tinyint(1)\" NOT NULL DEFAULT 1,\n"
        + "  kind wg_mysql.\"enum('small','large')\" DEFAULT 'small',\n"
        + "  updated timestamp(0) with time zone DEFAULT CURRENT_TIMESTAMP,\n  PRIMARY KEY (id),\n"
        + "  CONSTRAINT users_uk_name UNIQUE (name)\n)"), joined);
    assertTrue(joined.contains("CREATE INDEX IF NOT EXISTS users_idx_kind ON shop.users (kind)"), joined);
    assertTrue(joined.contains("ALTER SEQUENCE shop.users_id_seq OWNED BY shop.users.id"), joined);
    assertTrue(joined.contains("COMMENT ON COLUMN shop.users.name IS 'the name'"), joined);
    assertTrue(joined.contains("SELECT wg_mysql.on_update_now('shop.users'::regclass, 'updated')"), joined);
    assertTrue(joined.contains("COMMENT ON TABLE shop.users IS 'people'"), joined);
    assertTrue(joined.contains(", 100, false)"), joined);
    assertTrue(e.changesCatalog());
  }

  @Test
  void createTableWithIdentityAndInlineKeys() throws Exception {
    EngineSql e = engine("CREATE TABLE t (id BIGINT PRIMARY KEY AUTO_INCREMENT, code CHAR(3) UNIQUE, "
        + "parent_id BIGINT, FOREIGN KEY (parent_id) REFERENCES t (id) ON DELETE CASCADE)");
    String create = e.preamble().stream().filter(p -> p.startsWith("CREATE TABLE")).findFirst().orElseThrow();
    assertEquals("CREATE TABLE shop.t (\n  id bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL,\n  code character(3) COLLATE wg_mysql.utf8mb4_0900_ai_ci,\n"
        + "  parent_id bigint,\n  PRIMARY KEY (id),\n  CONSTRAINT t_code UNIQUE (code),\n"
        + "  FOREIGN KEY (parent_id) REFERENCES shop.t (id) ON DELETE CASCADE\n)", create);
    assertEquals("CREATE INDEX IF NOT EXISTS t_parent_id ON shop.t (parent_id)", e.sql(),
        "InnoDB's implicit index for the foreign key, named after its first column");
  }

  @Test
  void foreignKeysGetAnIndexUnlessOneStartsWithTheirColumns() throws Exception {
    EngineSql named = engine("CREATE TABLE c (id INT PRIMARY KEY, p INT, q INT, "
        + "CONSTRAINT fk_p FOREIGN KEY (p, q) REFERENCES t (a, b))");
    assertEquals("CREATE INDEX IF NOT EXISTS c_fk_p ON shop.c (p, q)", named.sql());
    EngineSql covered = engine("CREATE TABLE c (id INT PRIMARY KEY, p INT, q INT, KEY pq (p, q DESC), "
        + "CONSTRAINT fk_p FOREIGN KEY (p) REFERENCES t (a))");
    assertTrue(covered.preamble().stream().noneMatch(sql -> sql.contains("c_fk_p")), covered.preamble().toString());
    EngineSql byPrimaryKey = engine("CREATE TABLE c (id INT PRIMARY KEY, FOREIGN KEY (id) REFERENCES t (a))");
    assertTrue(byPrimaryKey.sql().startsWith("CREATE TABLE"), byPrimaryKey.sql());
  }

  @Test
  void noDatabaseSelected() {
    context.database = null;
    GatewayException e = assertThrows(GatewayException.class, () -> sql("CREATE TABLE t (a int)"));
    assertEquals("3D000", e.error().sqlState());
  }

  @Test
  void otherDdl() throws Exception {
    assertEquals("DROP TABLE IF EXISTS shop.a, other.b", sql("DROP TABLE IF EXISTS a, other.b"));
    assertEquals("CREATE SCHEMA IF NOT EXISTS shop2", sql("CREATE DATABASE IF NOT EXISTS shop2 CHARACTER SET utf8mb4"));
    assertEquals("DROP SCHEMA IF EXISTS shop2 CASCADE", sql("DROP DATABASE IF EXISTS shop2"));
    assertEquals("TRUNCATE TABLE shop.t RESTART IDENTITY", sql("TRUNCATE t"));
    assertEquals("CREATE INDEX t_i ON shop.t (a, b DESC)", sql("CREATE INDEX i ON t (a(10), b DESC)"));
    assertEquals("DROP INDEX IF EXISTS shop.t_i", sql("DROP INDEX i ON t"));
    assertEquals("ALTER TABLE shop.t RENAME TO u", sql("RENAME TABLE t TO u"));
    assertEquals("ALTER TABLE shop.t ADD COLUMN c integer NOT NULL DEFAULT 0, DROP COLUMN d",
        sql("ALTER TABLE t ADD COLUMN c INT(11) NOT NULL DEFAULT 0 AFTER b, DROP COLUMN d"));
    assertEquals("ALTER TABLE shop.t ALTER COLUMN c TYPE bigint USING c::bigint, ALTER COLUMN c DROP NOT NULL, "
        + "ALTER COLUMN c DROP DEFAULT", sql("ALTER TABLE t MODIFY c BIGINT"));
  }

  // --- DML -----------------------------------------------------------------------------------------

  private void tableWithAutoIncrement() {
    context.catalog = q -> List.of(List.of("c", "id", "t", "1", "integer"),
        List.of("c", "email", "f", "2", "character varying(100)"), List.of("c", "n", "f", "3", "integer"), List.of("k", "id", "p", "100", "1"), List.of("k", "email", "u", "101", "1"));
  }

  @Test
  void insertReturnsTheGeneratedKey() throws Exception {
    tableWithAutoIncrement();
    EngineSql e = engine("INSERT INTO users (email, n) VALUES ('a', 1), ('b', 2)");
    assertEquals("INSERT INTO users (email, n) VALUES ('a', 1), ('b', 2) RETURNING id", e.sql());
    assertEquals(DmlOutcome.RETURNING_GENERATED_KEY, e.dmlOutcome());
    assertEquals("INSERT INTO users VALUES (DEFAULT, 'a', 1) RETURNING id", sql("INSERT INTO users VALUES (NULL, 'a', 1)"));
    assertEquals("INSERT INTO users (email, n) VALUES ('a', 1) RETURNING id", sql("INSERT users SET email = 'a', n = 1"));
    assertEquals("INSERT INTO users (email) SELECT e FROM x RETURNING id", sql("INSERT INTO users (email) SELECT e FROM x"));
    EngineSql explicit = engine("INSERT INTO users (id, email) VALUES (7, 'a')");
    assertEquals("INSERT INTO users (id, email) VALUES (7, 'a') RETURNING id", explicit.sql());
    assertEquals(DmlOutcome.RETURNING_EXPLICIT_KEY, explicit.dmlOutcome());
    assertEquals(DmlOutcome.RETURNING_GENERATED_KEY,
        engine("INSERT INTO users (id, email) VALUES (NULL, 'a'), (0, 'b')").dmlOutcome());
  }

  @Test
  void insertIgnoreReturnsARowForEachSkippedRow() throws Exception {
    tableWithAutoIncrement();
    EngineSql e = engine("INSERT IGNORE INTO users (email) VALUES ('a'), ('b')");
    assertEquals("WITH wg_touched AS (INSERT INTO users (email) VALUES ('a'), ('b') ON CONFLICT DO NOTHING"
        + " RETURNING id, true, true) SELECT * FROM wg_touched UNION ALL SELECT NULL, NULL, NULL"
        + " FROM generate_series(1, 2 - (SELECT count(*) FROM wg_touched))", e.sql());
    assertEquals(DmlOutcome.IGNORE_RETURNING, e.dmlOutcome());
    // INSERT ... SELECT: the source's size is unknown, only inserted rows come back
    assertEquals("INSERT INTO users (id, email) SELECT id, e FROM x ON CONFLICT DO NOTHING RETURNING id, true, false",
        sql("INSERT IGNORE INTO users (id, email) SELECT id, e FROM x"));
  }

  @Test
  void upserts() throws Exception {
    tableWithAutoIncrement();
    EngineSql e = engine("INSERT INTO users (email, n) VALUES ('a', 1) ON DUPLICATE KEY UPDATE n = n + VALUES(n)");
    assertEquals("WITH wg_touched AS (INSERT INTO users (email, n) VALUES ('a', 1) ON CONFLICT (email) DO UPDATE"
        + " SET n = users.n + EXCLUDED.n WHERE ROW(users.n)::text IS DISTINCT FROM ROW(CAST(users.n + EXCLUDED.n AS integer))::text"
        + " RETURNING id, (xmax = 0), true) SELECT * FROM wg_touched UNION ALL SELECT NULL, NULL, NULL"
        + " FROM generate_series(1, 1 - (SELECT count(*) FROM wg_touched))", e.sql());
    assertEquals(DmlOutcome.UPSERT_RETURNING, e.dmlOutcome());
    assertEquals("WITH wg_touched AS (INSERT INTO users (id, email) VALUES (1, 'a') ON CONFLICT (id) DO UPDATE"
        + " SET email = EXCLUDED.email WHERE ROW(users.email)::text IS DISTINCT FROM ROW(CAST(EXCLUDED.email AS"
        + " character varying(100)))::text RETURNING id, (xmax = 0), false) SELECT * FROM wg_touched UNION ALL"
        + " SELECT NULL, NULL, NULL FROM generate_series(1, 1 - (SELECT count(*) FROM wg_touched))",
        sql("INSERT INTO users (id, email) VALUES (1, 'a') AS new ON DUPLICATE KEY UPDATE email = new.email"));
    // REPLACE always counts a replaced row as changed: no "unchanged" condition
    assertEquals("WITH wg_touched AS (INSERT INTO users (id, email) VALUES (1, 'a') ON CONFLICT (id) DO UPDATE"
        + " SET id = EXCLUDED.id, email = EXCLUDED.email RETURNING id, (xmax = 0), false) SELECT * FROM wg_touched"
        + " UNION ALL SELECT NULL, NULL, NULL FROM generate_series(1, 1 - (SELECT count(*) FROM wg_touched))",
        sql("REPLACE INTO users (id, email) VALUES (1, 'a')"));
  }

  @Test
  void updateCountsMatchedAndChangedRows() throws Exception {
    tableWithAutoIncrement();
    EngineSql e = engine("UPDATE users SET n = ? WHERE id IN (1, 2)");
    assertEquals("WITH wg_changed AS (UPDATE users SET n = $1 WHERE (id IN (1, 2)) AND ROW(n)::text IS DISTINCT FROM"
        + " ROW(CAST($1 AS integer))::text RETURNING 1) SELECT (SELECT count(*) FROM users WHERE id IN (1, 2)) AS matched,"
        + " (SELECT count(*) FROM wg_changed) AS changed", e.sql());
    assertEquals(DmlOutcome.UPDATE_COUNTS, e.dmlOutcome());
    assertEquals(1, e.parameterCount());
  }

  @Test
  void updateAndDeleteWithOrderAndLimit() throws Exception {
    assertEquals("WITH wg_changed AS (UPDATE t SET a = 1 WHERE (b = 2) AND ROW(a)::text IS DISTINCT FROM ROW(1)::text RETURNING 1)"
        + " SELECT (SELECT count(*) FROM t WHERE b = 2) AS matched, (SELECT count(*) FROM wg_changed) AS changed",
        sql("UPDATE t SET t.a = 1 WHERE b = 2"));
    assertEquals("WITH wg_changed AS (UPDATE t SET a = 1 WHERE ctid IN (SELECT ctid FROM t WHERE b = 2 ORDER BY c"
        + " LIMIT 1) AND ROW(a)::text IS DISTINCT FROM ROW(1)::text RETURNING 1) SELECT (SELECT count(*) FROM (SELECT ctid FROM t"
        + " WHERE b = 2 ORDER BY c LIMIT 1) AS wg_matched) AS matched, (SELECT count(*) FROM wg_changed) AS changed",
        sql("UPDATE t SET a = 1 WHERE b = 2 ORDER BY c LIMIT 1"));
    assertEquals("DELETE FROM t WHERE ctid IN (SELECT ctid FROM t LIMIT 10)", sql("DELETE FROM t LIMIT 10"));
    assertEquals("WITH wg_changed AS (UPDATE a AS wg_target SET x = b.y FROM a JOIN b ON a.id = b.aid"
        + " WHERE wg_target.ctid = a.ctid AND (b.z = 1) AND ROW(wg_target.x)::text IS DISTINCT FROM ROW(b.y)::text RETURNING 1)"
        + " SELECT (SELECT count(DISTINCT a.ctid) FROM a JOIN b ON a.id = b.aid WHERE b.z = 1) AS matched,"
        + " (SELECT count(*) FROM wg_changed) AS changed",
        sql("UPDATE a JOIN b ON a.id = b.aid SET a.x = b.y WHERE b.z = 1"));
    assertEquals("DELETE FROM b AS wg_target USING a JOIN b bb ON a.id = bb.aid WHERE wg_target.ctid = bb.ctid",
        sql("DELETE bb FROM a JOIN b bb ON a.id = bb.aid"));
  }

  @Test
  void dateArithmeticAndTypedLiterals() throws Exception {
    assertEquals("wg_mysql.date_add(DATE '2024-01-01', (1) * INTERVAL '1 day')", expr("DATE '2024-01-01' + INTERVAL 1 DAY"));
    assertEquals("wg_mysql.datetime_add(TIMESTAMP '2024-01-01 10:00:00', -((90) * INTERVAL '1 minute'))",
        expr("TIMESTAMP '2024-01-01 10:00:00' - INTERVAL 90 MINUTE"));
    assertEquals("wg_mysql.datetime_add(c, -((1) * INTERVAL '1 hour')) > d", expr("c - INTERVAL 1 HOUR > d"));
  }

  @Test
  void lengthUnsignedAndBitLiterals() throws Exception {
    assertEquals("wg_mysql.byte_length(c)", expr("LENGTH(c)"));
    assertEquals("wg_mysql.to_unsigned(18446744073709551615)", expr("CAST(18446744073709551615 AS UNSIGNED)"));
    assertEquals("wg_mysql.to_unsigned(-1)", expr("CONVERT(-1, UNSIGNED INTEGER)"));
    assertEquals("65 + 0", expr("b'1000001' + 0"));
  }

  @Test
  void bitAndBinaryColumnsTakeMySqlValues() throws Exception {
    context.catalog = q -> List.of(List.of("c", "id", "f", "1", "integer"), List.of("c", "b", "f", "2", "bit(8)"),
        List.of("c", "bn", "f", "3", "\"binary(4)\""));
    assertEquals("INSERT INTO flags (b, bn) VALUES (wg_mysql.bits('\\x41'::bytea, 8), wg_mysql.pad_binary('\\x01'::bytea, 4)),"
        + " (wg_mysql.bits(5, 8), DEFAULT)", sql("INSERT INTO flags (b, bn) VALUES (_binary'A', X'01'), (b'101', DEFAULT)"));
    assertEquals("INSERT INTO flags (b) VALUES (wg_mysql.bits(CAST($1 AS bytea), 8))", sql("INSERT INTO flags (b) VALUES (?)"));
    assertEquals("WITH wg_changed AS (UPDATE flags SET b = wg_mysql.bits(1, 8) WHERE (id = 1) AND ROW(b)::text IS DISTINCT FROM"
        + " ROW(CAST(wg_mysql.bits(1, 8) AS bit(8)))::text RETURNING 1) SELECT (SELECT count(*) FROM flags WHERE id = 1) AS"
        + " matched, (SELECT count(*) FROM wg_changed) AS changed", sql("UPDATE flags SET b = 1 WHERE id = 1"));
  }

  @Test
  void withoutStrictModeTooLongTextIsCutToFitWithAWarning() throws Exception {
    context.catalog = q -> List.of(List.of("c", "id", "f", "1", "integer"),
        List.of("c", "v", "f", "2", "character varying(3)"), List.of("c", "c", "f", "3", "character(2)"));
    assertEquals("INSERT INTO notes (v, c) VALUES ('abcdef', 'xyz')", sql("INSERT INTO notes (v, c) VALUES ('abcdef', 'xyz')"));
    context.systemVariables.put("sql_mode", "ONLY_FULL_GROUP_BY");
    assertEquals("INSERT INTO notes (id, v) VALUES (1, wg_mysql.fit_text(CAST('abcdef' AS text), 3, 'v', 1)), "
        + "(2, wg_mysql.fit_text(CAST(12345 AS text), 3, 'v', 2))", sql("INSERT INTO notes (id, v) VALUES (1, 'abcdef'), (2, 12345)"));
    assertEquals("WITH wg_changed AS (UPDATE notes SET c = wg_mysql.fit_text(CAST('xyz' AS text), 2, 'c', 1) WHERE (id = 1)"
        + " AND ROW(c)::text IS DISTINCT FROM ROW(CAST('xyz' AS character(2)))::text RETURNING 1) SELECT (SELECT count(*)"
        + " FROM notes WHERE id = 1) AS matched, (SELECT count(*) FROM wg_changed) AS changed",
        sql("UPDATE notes SET c = 'xyz' WHERE id = 1"));
  }

  @Test
  void byteStringsInCharacterColumnsAreTheTextTheirBytesSpell() throws Exception {
    context.catalog = q -> List.of(List.of("c", "id", "f", "1", "integer"),
        List.of("c", "v", "f", "2", "character varying(10)"), List.of("c", "b", "f", "3", "wg_mysql.blob"));
    assertEquals("INSERT INTO notes (v, b) VALUES (convert_from('\\x41'::bytea, 'UTF8'), '\\x41'::bytea)",
        sql("INSERT INTO notes (v, b) VALUES (X'41', X'41')"));
    assertEquals("INSERT INTO notes (v) VALUES (convert_from('\\x610062'::bytea, 'UTF8'))",
        sql("INSERT INTO notes (v) VALUES ('a\\0b')"));
  }

  @Test
  void columnLabelsKeepTheSpellingOfTheSelectList() throws Exception {
    assertEquals("SELECT ID AS \"ID\", t.mixedcase AS \"MixedCase\", x FROM t", sql("SELECT ID, t.MixedCase, x FROM t"));
  }

  @Test
  void selectListAssignsUserVariablesFromTheLastRow() throws Exception {
    EngineSql e = engine("SELECT @m := MAX(n), k FROM t");
    assertEquals("SELECT MAX(n) AS \"@m := MAX(n)\", k FROM t", e.sql());
    assertEquals(java.util.Arrays.asList("m", null), e.assignedUserVariables());
    assertEquals(List.of(), engine("SELECT k FROM t").assignedUserVariables());
    assertThrows(GatewayException.class, () -> engine("SELECT * FROM t WHERE (@x := 1) = 1"));
  }

  @Test
  void selectItemsThatCannotBeNullAreKnownWithLiteralSizes() throws Exception {
    List<MySqlStatement.SelectItem> items = engine(
        "SELECT 1 AS a, -12, 1.50 x, 'abc', k, 1 + 2 * (3 - 4), COUNT(*), NOW(), CURRENT_TIMESTAMP, n / 2, "
            + "NULL, @m := 5, COUNT(*) OVER () FROM t").selectItems();
    assertEquals(List.of(
        new MySqlStatement.SelectItem(null, true, 1, 0),
        new MySqlStatement.SelectItem(null, true, 3, 0),
        new MySqlStatement.SelectItem(null, true, 5, 2),
        new MySqlStatement.SelectItem(null, true, 3, -1),
        MySqlStatement.SelectItem.UNKNOWN,
        new MySqlStatement.SelectItem(null, true, -1, -1),
        new MySqlStatement.SelectItem(null, true, -1, -1),
        new MySqlStatement.SelectItem(null, true, -1, -1),
        new MySqlStatement.SelectItem(null, true, -1, -1),
        MySqlStatement.SelectItem.UNKNOWN,
        MySqlStatement.SelectItem.UNKNOWN,
        new MySqlStatement.SelectItem("m", true, 1, 0),
        MySqlStatement.SelectItem.UNKNOWN), items);
    // the columns of * are not known; other branches of a UNION or ROLLUP rows may be NULL
    assertEquals(List.of(new MySqlStatement.SelectItem(null, true, 1, 0)), engine("SELECT 1, * FROM t").selectItems());
    assertEquals(List.of(MySqlStatement.SelectItem.UNKNOWN), engine("SELECT 1 UNION SELECT NULL").selectItems());
    assertEquals(List.of(MySqlStatement.SelectItem.UNKNOWN, MySqlStatement.SelectItem.UNKNOWN),
        engine("SELECT k, 1 FROM t GROUP BY k, 2 WITH ROLLUP").selectItems());
  }

  @Test
  void stringsCompareUnderMySqlsCaseInsensitiveCollation() throws Exception {
    assertEquals("CREATE TABLE shop.t (\n  a varchar(5) COLLATE wg_mysql.utf8mb4_0900_ai_ci,\n  b varchar(5),\n"
        + "  c text\n)",
        sql("CREATE TABLE t (a VARCHAR(5), b VARCHAR(5) COLLATE utf8mb4_bin, c TEXT CHARACTER SET binary)"));
    assertEquals("SELECT 'abc' COLLATE wg_mysql.utf8mb4_0900_ai_ci = 'ABC' AS \"'abc' = 'ABC'\"", sql("SELECT 'abc' = 'ABC'"));
    assertEquals("SELECT * FROM t WHERE a LIKE ('x' COLLATE pg_catalog.\"default\")", sql("SELECT * FROM t WHERE a LIKE BINARY 'x'"));
    assertEquals("replace((a) COLLATE pg_catalog.\"default\", 'x', 'y')", expr("REPLACE(a, 'x', 'y')"));
  }

  @Test
  void rowCountAndFoundRowsAreSessionValuesAndNotCached() throws Exception {
    context.rowCount = 3;
    context.foundRows = 7;
    assertEquals("SELECT CAST(3 AS bigint) AS \"ROW_COUNT()\", CAST(7 AS bigint) AS \"FOUND_ROWS()\"",
        sql("SELECT ROW_COUNT(), FOUND_ROWS()"));
    context.rowCount = -1;
    assertEquals("SELECT CAST(-1 AS bigint) AS \"ROW_COUNT()\"", sql("SELECT ROW_COUNT()"));
  }

  @Test
  void syntaxErrorsQuoteTheStatementWhereMySqlsParserStops() {
    String manual = "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server "
        + "version for the right syntax to use near ";
    GatewayException unclosed = assertThrows(GatewayException.class, () -> sql("INSERT INTO t VALUES (1,"));
    assertEquals("42601", unclosed.error().sqlState());
    assertEquals(manual + "'' at line 1", unclosed.error().message());
    GatewayException badRow = assertThrows(GatewayException.class, () -> sql("INSERT INTO t VALUES 1, (2)"));
    assertEquals(manual + "'1, (2)' at line 1", badRow.error().message());
  }
}
