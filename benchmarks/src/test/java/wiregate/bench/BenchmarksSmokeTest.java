package wiregate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;
import wiregate.core.mysql.MySqlStatement;
import wiregate.dialect.mysql.MySqlTranslator;
import wiregate.pgwire.codec.FrontendMessage;

/**
 * Calls each benchmark method once, outside JMH, so the reactor build keeps them working (the
 * benchmarks themselves run only from benchmarks.jar). Also checks that the fixtures are what the
 * benchmarks claim: every corpus statement translates, every batch decodes.
 */
class BenchmarksSmokeTest {
  private static final Blackhole BLACKHOLE = new Blackhole(
      "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

  @Test
  void pgDataRowsAreWritten() {
    PgDataRowBenchmark b = new PgDataRowBenchmark();
    b.setUp();
    b.typicalRow();
    b.wideRow();
    b.channel.flushOutput();
    assertTrue(b.channel.bytesWritten() > 0);
    b.tearDown();
  }

  @Test
  void pgExtendedBatchesDecode() {
    PgExtendedQueryDecodeBenchmark b = new PgExtendedQueryDecodeBenchmark();
    b.setUp();
    FrontendMessage.Bind bind = assertInstanceOf(FrontendMessage.Bind.class, b.parseBindDescribeExecuteSync());
    assertEquals(5, bind.values().length);
    assertInstanceOf(FrontendMessage.Bind.class, b.bindExecuteSync());
    b.tearDown();
  }

  @Test
  void mySqlRowsAreWritten() {
    MySqlRowBenchmark b = new MySqlRowBenchmark();
    b.setUp();
    b.textRowTypical();
    b.textRowWide();
    b.binaryRowTypical();
    b.binaryRowWide();
    b.channel.flushOutput();
    assertTrue(b.channel.bytesWritten() > 0);
    b.tearDown();
  }

  @Test
  void stmtExecuteDecodes() throws Exception {
    MySqlStmtExecuteDecodeBenchmark b = new MySqlStmtExecuteDecodeBenchmark();
    b.setUp();
    assertEquals(5, b.firstExecution().values().size());
    assertEquals(5, b.laterExecution().values().size());
    b.tearDown();
  }

  @Test
  void everyMySqlCorpusStatementTranslates() throws Exception {
    MySqlTranslator translator = new MySqlTranslator(0, live -> null);
    BenchContext context = new BenchContext();
    assertEquals(20, MySqlCorpus.ALL.size());
    for (String statement : MySqlCorpus.ALL) {
      assertNotNull(translator.translate(statement, context), statement);
    }
    for (String ddl : MySqlCorpus.DDL) {
      MySqlStatement.EngineSql sql = assertInstanceOf(MySqlStatement.EngineSql.class,
          translator.translate(ddl, context).get(0));
      assertTrue(sql.changesCatalog(), ddl);
    }
    for (String corpus : new String[] {"mixed20", "withoutDdl18"}) {
      MySqlTranslationBenchmark b = new MySqlTranslationBenchmark();
      b.corpus = corpus;
      b.setUp();
      b.cached(BLACKHOLE);
      b.uncached(BLACKHOLE);
    }
  }

  @Test
  void pgCorpusSplitsIntoTwentyStatements() {
    assertEquals(20, PgCorpus.STATEMENTS.size());
    PgStatementSplitBenchmark b = new PgStatementSplitBenchmark();
    b.eachStatement(BLACKHOLE);
    b.script(BLACKHOLE);
    assertEquals(20, new wiregate.dialect.postgres.PostgresDialect().statements(PgCorpus.SCRIPT).size());
  }
}
