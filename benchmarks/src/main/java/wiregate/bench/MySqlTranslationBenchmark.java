package wiregate.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import wiregate.core.model.GatewayException;
import wiregate.dialect.mysql.MySqlTranslator;

/**
 * MySQL to PostgreSQL translation of the {@link MySqlCorpus}, one operation per pass over it, with
 * the translation cache on (warm, as the gateway runs) and off (a cache size of 0: every text is
 * lexed, parsed and rewritten). The corpus is the mixed twenty, or the eighteen without DDL: a
 * catalog change empties the cache by design, so the DDL in the mixed corpus turns every cached
 * lookup after it into a miss and only the eighteen show a warm cache.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(BenchmarkDefaults.FORKS)
@Warmup(iterations = BenchmarkDefaults.WARMUP_ITERATIONS, time = BenchmarkDefaults.WARMUP_SECONDS)
@Measurement(iterations = BenchmarkDefaults.ITERATIONS, time = BenchmarkDefaults.ITERATION_SECONDS)
public class MySqlTranslationBenchmark {
  @Param({"mixed20", "withoutDdl18"})
  public String corpus;

  private final BenchContext context = new BenchContext();
  private MySqlTranslator cachedTranslator;
  private MySqlTranslator uncachedTranslator;
  private List<String> statements;

  @Setup
  public void setUp() throws GatewayException {
    statements = corpus.equals("mixed20") ? MySqlCorpus.ALL : MySqlCorpus.NON_DDL;
    cachedTranslator = new MySqlTranslator(10_000, live -> null);
    uncachedTranslator = new MySqlTranslator(0, live -> null);
    for (String statement : statements) {
      cachedTranslator.translate(statement, context); // warm
    }
  }

  @Benchmark
  public void cached(Blackhole out) throws GatewayException {
    translateAll(cachedTranslator, out);
  }

  @Benchmark
  public void uncached(Blackhole out) throws GatewayException {
    translateAll(uncachedTranslator, out);
  }

  private void translateAll(MySqlTranslator translator, Blackhole out) throws GatewayException {
    for (String statement : statements) {
      out.consume(translator.translate(statement, context));
    }
  }
}
