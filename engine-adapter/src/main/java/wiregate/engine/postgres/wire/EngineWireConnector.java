package wiregate.engine.postgres.wire;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import wiregate.core.config.EngineConfig;
import wiregate.core.engine.PgWireConnection;
import wiregate.core.ingress.Transports;
import wiregate.core.engine.PgWireEngine;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;
import wiregate.core.model.SqlState;

/**
 * Opens the relay's engine connections: a TCP connection to the engine on the client's event loop,
 * the start-up exchange as the engine role, at most {@code engine.pool.size} per database.
 */
public final class EngineWireConnector implements PgWireEngine {
  static final String FRAMES = "engine-frames";
  static final String STARTUP = "engine-startup";
  /** Start-up messages are small; anything bigger is not a PostgreSQL server talking. */
  private static final int MAX_STARTUP_FRAME = 1 << 20;
  private static final int CANCEL_REQUEST_CODE = 80877102;

  private final WireAddress address;
  private final String user;
  private final String password;
  private final ConnectionSlots slots;
  private volatile EngineConfig.PoolConfig pool;

  private EngineWireConnector(WireAddress address, String user, String password, EngineConfig.PoolConfig pool) {
    this.address = address;
    this.user = user;
    this.password = password;
    this.pool = pool;
    this.slots = new ConnectionSlots(pool.size);
  }

  /** A connector for the engine behind {@code jdbcUrl}, when the relay can reach it (see {@link WireAddress}). */
  public static Optional<EngineWireConnector> forUrl(String jdbcUrl, String user, String password,
      EngineConfig.PoolConfig pool) {
    return WireAddress.of(jdbcUrl).map(address -> new EngineWireConnector(address, user, password, pool));
  }

  public void reconfigure(EngineConfig.PoolConfig next) {
    pool = next;
    slots.setLimit(next.size);
  }

  @Override
  public CompletableFuture<PgWireConnection> connect(Channel client, String database, Map<String, String> settings)
      throws GatewayException {
    EngineConfig.PoolConfig limits = pool;
    try {
      if (!slots.acquire(database, limits.connectionTimeoutMs)) {
        throw new GatewayException(GatewayError.fatal(SqlState.TOO_MANY_CONNECTIONS,
            "sorry, too many clients already").withHint("All " + limits.size
            + " engine connections for database \"" + database + "\" are in use; raise engine.pool.size."));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayException(GatewayError.fatal(SqlState.CONNECTION_FAILURE, "interrupted"));
    }
    EventLoop loop = client.eventLoop();
    EngineStartup startup = new EngineStartup(user, password, database, settings);
    ChannelFuture connecting = new Bootstrap().group(loop).channel(Transports.socketChannelLike(client))
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, limits.connectionTimeoutMs)
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel channel) {
            channel.pipeline().addLast(FRAMES, new LengthFieldBasedFrameDecoder(MAX_STARTUP_FRAME, 1, 4, -4, 0));
            channel.pipeline().addLast(STARTUP, startup);
          }
        })
        .connect(resolved());
    Channel channel = connecting.channel();
    channel.closeFuture().addListener(f -> slots.release(database));
    connecting.addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        startup.done().completeExceptionally(new GatewayException(GatewayError.fatal(SqlState.CONNECTION_FAILURE,
            "the engine at " + address.host() + ":" + address.port() + " is not reachable: "
                + f.cause().getMessage())));
      }
    });
    // A server that accepts but never answers must not hold the client forever.
    var timeout = loop.schedule(() -> {
      startup.done().completeExceptionally(new GatewayException(GatewayError.fatal(SqlState.CONNECTION_FAILURE,
          "the engine did not complete start-up within " + limits.connectionTimeoutMs + " ms")));
      channel.close();
    }, limits.connectionTimeoutMs, TimeUnit.MILLISECONDS);
    return startup.done().whenComplete((started, failure) -> timeout.cancel(false))
        .thenApply(started -> new WireConnection(channel, started, this));
  }

  private InetSocketAddress resolved() {
    return new InetSocketAddress(address.host(), address.port());
  }

  /** A CancelRequest on a connection of its own, as libpq sends it; nothing is read back. */
  void cancel(Channel engine, int processId, int secret) {
    new Bootstrap().group(engine.eventLoop()).channel(Transports.socketChannelLike(engine))
        .handler(new ChannelInboundHandlerAdapter())
        .connect(resolved())
        .addListener((ChannelFutureListener) f -> {
          if (f.isSuccess()) {
            ByteBuf request = f.channel().alloc().buffer(16).writeInt(16).writeInt(CANCEL_REQUEST_CODE)
                .writeInt(processId).writeInt(secret);
            f.channel().writeAndFlush(request).addListener(ChannelFutureListener.CLOSE);
          }
        });
  }
}
