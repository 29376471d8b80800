package wiregate.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
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
import wiregate.pgwire.codec.FrontendMessage;
import wiregate.pgwire.codec.MessageDecoder;

/**
 * Decoding one extended-query round trip from the bytes a driver sends, through the gateway's
 * {@link MessageDecoder} in a channel pipeline: the unnamed-statement batch (Parse, Bind, Describe,
 * Execute, Sync: pgbench -M extended, most drivers' default) and the named-statement one (Bind,
 * Execute, Sync: -M prepared), each for a five-parameter INSERT. One operation decodes the batch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(BenchmarkDefaults.FORKS)
@Warmup(iterations = BenchmarkDefaults.WARMUP_ITERATIONS, time = BenchmarkDefaults.WARMUP_SECONDS)
@Measurement(iterations = BenchmarkDefaults.ITERATIONS, time = BenchmarkDefaults.ITERATION_SECONDS)
public class PgExtendedQueryDecodeBenchmark {
  static final String INSERT =
      "INSERT INTO orders (id, customer_id, note, amount, created_at) VALUES ($1, $2, $3, $4, $5)";
  static final String[] VALUES = {"1001", "9007199254740993", "alice@example.com", "12345.67",
      "2024-01-31 12:34:56.789"};

  private EmbeddedChannel channel;
  private ByteBuf unnamedBatch;
  private ByteBuf namedBatch;

  @Setup
  public void setUp() {
    channel = new EmbeddedChannel(new MessageDecoder(1 << 30, () -> StandardCharsets.UTF_8));
    // The bytes arrive in a pooled direct buffer, as from a socket.
    unnamedBatch = PooledByteBufAllocator.DEFAULT.directBuffer(512);
    PgFrontendBytes.parse(unnamedBatch, "", INSERT, new int[0]);
    PgFrontendBytes.bind(unnamedBatch, "", "", VALUES);
    PgFrontendBytes.describePortal(unnamedBatch, "");
    PgFrontendBytes.execute(unnamedBatch, "", 0);
    PgFrontendBytes.sync(unnamedBatch);
    namedBatch = PooledByteBufAllocator.DEFAULT.directBuffer(256);
    PgFrontendBytes.bind(namedBatch, "", "S_1", VALUES);
    PgFrontendBytes.execute(namedBatch, "", 0);
    PgFrontendBytes.sync(namedBatch);
  }

  @TearDown
  public void tearDown() {
    unnamedBatch.release();
    namedBatch.release();
    channel.finishAndReleaseAll();
  }

  @Benchmark
  public FrontendMessage parseBindDescribeExecuteSync() {
    return decode(unnamedBatch, 5);
  }

  @Benchmark
  public FrontendMessage bindExecuteSync() {
    return decode(namedBatch, 3);
  }

  /** Feeds the batch and takes its messages; returns the Bind (what carries the values). */
  private FrontendMessage decode(ByteBuf batch, int messages) {
    channel.writeInbound(batch.retainedDuplicate());
    FrontendMessage bind = null;
    for (int i = 0; i < messages; i++) {
      FrontendMessage m = channel.readInbound();
      if (m instanceof FrontendMessage.Bind) {
        bind = m;
      }
    }
    return bind;
  }
}
