package wiregate.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
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
import wiregate.mysql.codec.ColumnType;
import wiregate.mysql.codec.ComStmtExecute;
import wiregate.mysql.codec.MalformedPacketException;
import wiregate.mysql.codec.MySqlPacket;
import wiregate.mysql.codec.PacketDecoder;
import wiregate.mysql.codec.ParameterType;

/**
 * Decoding a COM_STMT_EXECUTE with five parameters (INT, BIGINT, VARCHAR, DECIMAL, DATETIME(6)) from
 * the bytes a client sends: framed by the gateway's {@link PacketDecoder} in a channel pipeline, then
 * parsed by {@link ComStmtExecute} into the values the engine binds, as the command phase does. Two
 * shapes: the first execution, which carries the parameter types, and a later one, which reuses them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(BenchmarkDefaults.FORKS)
@Warmup(iterations = BenchmarkDefaults.WARMUP_ITERATIONS, time = BenchmarkDefaults.WARMUP_SECONDS)
@Measurement(iterations = BenchmarkDefaults.ITERATIONS, time = BenchmarkDefaults.ITERATION_SECONDS)
public class MySqlStmtExecuteDecodeBenchmark {
  static final List<ParameterType> TYPES = List.of(new ParameterType(ColumnType.LONG, false),
      new ParameterType(ColumnType.LONGLONG, false), new ParameterType(ColumnType.VAR_STRING, false),
      new ParameterType(ColumnType.NEWDECIMAL, false), new ParameterType(ColumnType.DATETIME, false));
  private static final int STATEMENT_ID = 7;

  private EmbeddedChannel channel;
  private ByteBuf withTypes;
  private ByteBuf reusingTypes;

  @Setup
  public void setUp() {
    channel = new EmbeddedChannel(new PacketDecoder(64 << 20, -1));
    withTypes = packet(true);
    reusingTypes = packet(false);
  }

  @TearDown
  public void tearDown() {
    withTypes.release();
    reusingTypes.release();
    channel.finishAndReleaseAll();
  }

  @Benchmark
  public ComStmtExecute firstExecution() throws MalformedPacketException {
    return decode(withTypes, null);
  }

  @Benchmark
  public ComStmtExecute laterExecution() throws MalformedPacketException {
    return decode(reusingTypes, TYPES);
  }

  private ComStmtExecute decode(ByteBuf bytes, List<ParameterType> previousTypes) throws MalformedPacketException {
    channel.writeInbound(bytes.retainedDuplicate());
    MySqlPacket packet = channel.readInbound();
    if (ComStmtExecute.peekStatementId(packet) != STATEMENT_ID) {
      throw new IllegalStateException("not the statement");
    }
    return ComStmtExecute.decode(packet.buffer(), TYPES.size(), previousTypes, parameter -> null,
        StandardCharsets.UTF_8);
  }

  /** The whole packet (header and payload) in a pooled direct buffer, as it arrives from a socket. */
  private static ByteBuf packet(boolean bindTypes) {
    ByteBuf payload = Unpooled.buffer();
    ComStmtExecute.encode(payload, STATEMENT_ID, 0, TYPES, wireValues(), bindTypes);
    ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer(4 + payload.readableBytes());
    packet.writeMediumLE(payload.readableBytes()).writeByte(0).writeBytes(payload);
    payload.release();
    return packet;
  }

  /** 1001, 9007199254740993, 'alice@example.com', 12345.67, 2024-01-31 12:34:56.789 in binary form. */
  private static byte[][] wireValues() {
    ByteBuf v = Unpooled.buffer();
    byte[] int4 = bytes(v.writeIntLE(1001));
    byte[] int8 = bytes(v.writeLongLE(9007199254740993L));
    byte[] text = lengthEncoded(v, "alice@example.com");
    byte[] decimal = lengthEncoded(v, "12345.67");
    v.writeByte(11).writeShortLE(2024).writeByte(1).writeByte(31).writeByte(12).writeByte(34).writeByte(56)
        .writeIntLE(789_000);
    byte[] datetime = bytes(v);
    v.release();
    return new byte[][] {int4, int8, text, decimal, datetime};
  }

  private static byte[] lengthEncoded(ByteBuf v, String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    v.writeByte(b.length).writeBytes(b); // shorter than 251 bytes: a one-byte length
    return bytes(v);
  }

  private static byte[] bytes(ByteBuf v) {
    byte[] out = new byte[v.readableBytes()];
    v.readBytes(out);
    v.clear();
    return out;
  }
}
