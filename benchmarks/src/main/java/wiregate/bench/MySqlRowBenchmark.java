package wiregate.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
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
import wiregate.core.model.Column;
import wiregate.mysql.codec.CapabilityFlags;
import wiregate.mysql.codec.Collations;
import wiregate.mysql.codec.PacketChannel;
import wiregate.mysql.codec.PacketSequence;
import wiregate.mysql.command.PacketResponses;
import wiregate.mysql.errors.MySqlErrorMap;
import wiregate.mysql.result.ColumnOrigins;
import wiregate.mysql.session.BinaryResultWriter;
import wiregate.mysql.session.ResponseWriter;
import wiregate.mysql.session.ResultSetWriter;
import wiregate.mysql.session.Warnings;

/**
 * MySQL row packets from engine rows, through the sinks the gateway streams results into: a text
 * protocol row (COM_QUERY: {@link ResultSetWriter} on {@link PacketResponses}) and a binary protocol
 * row (COM_STMT_EXECUTE: the same behind a {@link BinaryResultWriter}, which parses each engine text
 * value into its MySQL binary form). Each operation is one row; full 64 KiB batches go to a channel
 * that discards them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(BenchmarkDefaults.FORKS)
@Warmup(iterations = BenchmarkDefaults.WARMUP_ITERATIONS, time = BenchmarkDefaults.WARMUP_SECONDS)
@Measurement(iterations = BenchmarkDefaults.ITERATIONS, time = BenchmarkDefaults.ITERATION_SECONDS)
public class MySqlRowBenchmark {
  private static final int CAPABILITIES = CapabilityFlags.PROTOCOL_41 | CapabilityFlags.DEPRECATE_EOF;

  DiscardingChannel channel;
  private ResultSetWriter textTypical;
  private ResultSetWriter textWide;
  private ResultSetWriter binaryTypical;
  private ResultSetWriter binaryWide;
  private byte[][] typical;
  private byte[][] wide;

  @Setup
  public void setUp() {
    channel = DiscardingChannel.open();
    ResponseWriter packets = new PacketResponses(new PacketChannel(channel, channel.output(), new PacketSequence()),
        CAPABILITIES, StandardCharsets.UTF_8);
    textTypical = sink(packets, EngineRows.typicalColumns());
    textWide = sink(packets, EngineRows.wideColumns());
    binaryTypical = sink(new BinaryResultWriter(packets), EngineRows.typicalColumns());
    binaryWide = sink(new BinaryResultWriter(packets), EngineRows.wideColumns());
    typical = EngineRows.typicalRow();
    wide = EngineRows.wideRow();
  }

  /** A result sink whose columns are described already (the header is written once, here). */
  private static ResultSetWriter sink(ResponseWriter out, List<Column> columns) {
    ResultSetWriter writer = new ResultSetWriter(out, new ColumnOrigins(sql -> List.of()),
        Collations.UTF8MB4_0900_AI_CI, StandardCharsets.UTF_8, new Warnings(MySqlErrorMap.standard(), "bench"));
    writer.columns(columns);
    return writer;
  }

  @TearDown
  public void tearDown() {
    channel.discardAll();
  }

  /** The engine adapter hands each row over in a fresh array (and the writer converts in place). */
  @Benchmark
  public void textRowTypical() {
    textTypical.row(typical.clone());
  }

  @Benchmark
  public void textRowWide() {
    textWide.row(wide.clone());
  }

  @Benchmark
  public void binaryRowTypical() {
    binaryTypical.row(typical.clone());
  }

  @Benchmark
  public void binaryRowWide() {
    binaryWide.row(wide.clone());
  }
}
