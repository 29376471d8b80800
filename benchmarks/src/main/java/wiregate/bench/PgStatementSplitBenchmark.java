package wiregate.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import wiregate.dialect.postgres.PostgresDialect;

/**
 * The PostgreSQL dialect's statement splitting and classification (what the gateway does to every
 * text a PostgreSQL client sends) over the {@link PgCorpus}: each of the twenty texts on its own, as
 * Parse and single-statement Query messages bring them, and the twenty as one script.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(BenchmarkDefaults.FORKS)
@Warmup(iterations = BenchmarkDefaults.WARMUP_ITERATIONS, time = BenchmarkDefaults.WARMUP_SECONDS)
@Measurement(iterations = BenchmarkDefaults.ITERATIONS, time = BenchmarkDefaults.ITERATION_SECONDS)
public class PgStatementSplitBenchmark {
  private final PostgresDialect dialect = new PostgresDialect();

  @Benchmark
  public void eachStatement(Blackhole out) {
    for (String statement : PgCorpus.STATEMENTS) {
      out.consume(dialect.statements(statement));
    }
  }

  @Benchmark
  public void script(Blackhole out) {
    out.consume(dialect.statements(PgCorpus.SCRIPT));
  }
}
