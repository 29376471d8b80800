package wiregate.dialect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import wiregate.core.model.Statement;
import wiregate.core.model.StatementKind;

class PostgresDialectTest {
  private final PostgresDialect dialect = new PostgresDialect();

  private List<String> sqls(String text) {
    return dialect.statements(text).stream().map(Statement::sql).toList();
  }

  @Test
  void splitsAtTopLevelSemicolons() {
    assertEquals(List.of("select 1", "select 2"), sqls("select 1; select 2;"));
  }

  @Test
  void dropsEmptyStatementsAndComments() {
    assertEquals(List.of(), sqls(" ; ;; -- nothing\n /* at /* all */ */ "));
    assertEquals(List.of("select 1"), sqls(";;select 1;;"));
  }

  @Test
  void quotesAndCommentsDoNotSplit() {
    assertEquals(List.of("select 'a;b', \"c;d\", E'e\\';f'", "select 2"),
        sqls("select 'a;b', \"c;d\", E'e\\';f'; select 2"));
    assertEquals(List.of("select 1 -- x;y\n+1", "select /* a; /* b; */ c; */ 2"),
        sqls("select 1 -- x;y\n+1; select /* a; /* b; */ c; */ 2"));
    assertEquals(List.of("select 'it''s;'"), sqls("select 'it''s;'"));
  }

  @Test
  void dollarQuotesDoNotSplit() {
    String body = "do $body$ begin raise notice 'x;'; end $body$";
    assertEquals(List.of(body, "select $$;$$"), sqls(body + "; select $$;$$"));
  }

  @Test
  void positionalParametersAreNotDollarQuotes() {
    assertEquals(List.of("select $1", "select 2"), sqls("select $1; select 2"));
  }

  @Test
  void countsParameterPlaceholdersPerStatement() {
    List<Statement> statements = dialect.statements("select $2, $1, '$3', $$ $4 $$; select 1");
    assertEquals(2, statements.get(0).parameterCount());
    assertEquals(0, statements.get(1).parameterCount());
  }

  @Test
  void singleRefusesSeveralStatements() throws Exception {
    assertEquals("select $1", dialect.single(" select $1 ;").orElseThrow().sql());
    assertEquals(java.util.Optional.empty(), dialect.single(" ; "));
    assertEquals("42601", org.junit.jupiter.api.Assertions.assertThrows(wiregate.core.model.GatewayException.class,
        () -> dialect.single("select 1; select 2")).error().sqlState());
  }

  @Test
  void parenthesesKeepRuleBodiesTogether() {
    String rule = "create rule r as on insert to t do also (insert into a values (1); insert into b values (2))";
    assertEquals(List.of(rule), sqls(rule + ";"));
  }

  @Test
  void offsetsPointIntoTheOriginalText() {
    List<Statement> statements = dialect.statements("select 1;\n  select foo");
    assertEquals(0, statements.get(0).offset());
    assertEquals(12, statements.get(1).offset());
  }

  @Test
  void classifiesStatements() {
    assertEquals(StatementKind.QUERY, kind("SELECT 1"));
    assertEquals(StatementKind.QUERY, kind("  /* c */ with x as (select 1) select * from x"));
    assertEquals(StatementKind.QUERY, kind("(select 1)"));
    assertEquals(StatementKind.QUERY, kind("values (1)"));
    assertEquals(StatementKind.QUERY, kind("show all"));
    assertEquals(StatementKind.TRANSACTION_CONTROL, kind("begin"));
    assertEquals(StatementKind.TRANSACTION_CONTROL, kind("start transaction"));
    assertEquals(StatementKind.TRANSACTION_CONTROL, kind("commit prepared 'x'"));
    assertEquals(StatementKind.TRANSACTION_CONTROL, kind("prepare transaction 'x'"));
    assertEquals(StatementKind.OTHER, kind("prepare p as select 1"));
    assertEquals(StatementKind.OTHER, kind("insert into t values (1)"));
    assertEquals(StatementKind.OTHER, kind("vacuum"));
    assertEquals(StatementKind.COPY_FROM_CLIENT, kind("COPY t (a, b) FROM STDIN WITH (FORMAT csv)"));
    assertEquals(StatementKind.COPY_TO_CLIENT, kind("copy (select 1) to stdout"));
    assertEquals(StatementKind.OTHER, kind("copy t from '/tmp/file'"));
  }

  private StatementKind kind(String sql) {
    return dialect.statements(sql).get(0).kind();
  }
}
