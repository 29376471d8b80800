package wiregate.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import wiregate.pgwire.RowStreamWriter;
import wiregate.pgwire.codec.BackendMessages;

/**
 * PostgreSQL DataRow encoding of engine rows, through the sink the gateway streams results into
 * ({@link RowStreamWriter} on a {@link ChannelOutput}): each operation is one row, and every 64 KiB
 * batch is written to a channel that discards it, as the real one sends it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(BenchmarkDefaults.FORKS)
@Warmup(iterations = BenchmarkDefaults.WARMUP_ITERATIONS, time = BenchmarkDefaults.WARMUP_SECONDS)
@Measurement(iterations = BenchmarkDefaults.ITERATIONS, time = BenchmarkDefaults.ITERATION_SECONDS)
public class PgDataRowBenchmark {
  DiscardingChannel channel;
  private RowStreamWriter writer;
  private byte[][] typical;
  private byte[][] wide;

  @Setup
  public void setUp() {
    channel = DiscardingChannel.open();
    writer = new RowStreamWriter(new BackendMessages(StandardCharsets.UTF_8), channel.output(), false, tag -> { });
    typical = EngineRows.typicalRow();
    wide = EngineRows.wideRow();
  }

  @TearDown
  public void tearDown() {
    channel.discardAll();
  }

  /** The engine adapter hands each row over in a fresh array; the copy is part of the path. */
  @Benchmark
  public void typicalRow() {
    writer.row(typical.clone());
  }

  @Benchmark
  public void wideRow() {
    writer.row(wide.clone());
  }
}
