package wiregate.engine.postgres.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wiregate.core.config.EngineConfig;
import wiregate.core.engine.PgWireConnection;
import wiregate.core.model.GatewayException;
import wiregate.engine.embedded.EmbeddedPostgres;

/** The relay's engine log-in (SCRAM-SHA-256 as the engine role) against a real embedded PostgreSQL. */
class EngineWireConnectorTest {
  @TempDir static Path tmp;
  private static EmbeddedPostgres postgres;
  private static EventLoopGroup loops;

  @BeforeAll
  static void start() throws Exception {
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
    postgres = EmbeddedPostgres.start(tmp.resolve("engine"), 0, "nobody", Duration.ofSeconds(120));
    loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stop() {
    if (loops != null) {
      loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private static EngineWireConnector connector(String password, int poolSize) {
    EngineConfig.PoolConfig pool = new EngineConfig.PoolConfig();
    pool.size = poolSize;
    pool.connectionTimeoutMs = 2000;
    return EngineWireConnector.forUrl(postgres.jdbcUrl("postgres"), postgres.user(), password, pool).orElseThrow();
  }

  private static PgWireConnection connect(EngineWireConnector connector, Map<String, String> settings)
      throws GatewayException {
    // The relay opens engine connections on a client channel's loop with its transport: a stand-in.
    NioSocketChannel client = new NioSocketChannel();
    loops.next().register(client).syncUninterruptibly();
    return connector.connect(client, "postgres", settings).join();
  }

  @Test
  void logsInPassesStartUpSettingsAndRelaysRawBytes() throws Exception {
    PgWireConnection wire = connect(connector(postgres.password(), 2), Map.of("application_name", "relay-test"));
    ByteBuf parameters = wire.startupParameters();
    String text = parameters.toString(StandardCharsets.UTF_8);
    parameters.release();
    assertTrue(text.contains("application_name\0relay-test\0"), text);
    assertTrue(text.contains("server_version\0"), text);
    assertTrue(wire.processId() > 0);

    CompletableFuture<String> answer = new CompletableFuture<>();
    StringBuilder received = new StringBuilder();
    wire.channel().eventLoop().submit(() -> wire.relayTo(new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        received.append(buf.toString(StandardCharsets.ISO_8859_1));
        buf.release();
        if (received.toString().contains("Z\0\0\0\5I")) {
          answer.complete(received.toString());
        }
      }
    })).get(5, TimeUnit.SECONDS);
    byte[] sql = "select current_setting('application_name'), pg_backend_pid()\0".getBytes(StandardCharsets.UTF_8);
    ByteBuf query = wire.channel().alloc().buffer().writeByte('Q').writeInt(sql.length + 4).writeBytes(sql);
    wire.channel().writeAndFlush(query);
    String response = answer.get(10, TimeUnit.SECONDS);
    assertTrue(response.contains("relay-test"), response);
    assertTrue(response.contains(Integer.toString(wire.processId())), response);
    wire.channel().close().sync();
  }

  @Test
  void aWrongEnginePasswordFailsWithTheEnginesError() {
    CompletionException failure = assertThrows(CompletionException.class,
        () -> connect(connector("not-the-password", 2), Map.of()));
    GatewayException error = assertInstanceOf(GatewayException.class, failure.getCause());
    assertEquals("28P01", error.error().sqlState());
    assertEquals("FATAL", error.error().severity());
  }

  @Test
  void aBadStartUpSettingFailsAsPostgresqlWould() {
    CompletionException failure = assertThrows(CompletionException.class,
        () -> connect(connector(postgres.password(), 2), Map.of("no_such_setting", "1")));
    assertEquals("42704", assertInstanceOf(GatewayException.class, failure.getCause()).error().sqlState());
  }

  @Test
  void connectionsPerDatabaseAreBoundedByThePoolSize() throws Exception {
    EngineWireConnector connector = connector(postgres.password(), 1);
    PgWireConnection first = connect(connector, Map.of());
    GatewayException refused = assertThrows(GatewayException.class, () -> connect(connector, Map.of()));
    assertEquals("53300", refused.error().sqlState());
    first.channel().close().sync();
    PgWireConnection again = connect(connector, Map.of());
    again.channel().close().sync();
  }
}
