package wiregate.core.ingress;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Binds every enabled listener and routes each accepted connection through protocol detection. */
public final class GatewayListeners implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GatewayListeners.class);
  /** Back-pressure thresholds: a producer waits while more than HIGH bytes are queued for a client. */
  private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

  private final EventLoopGroup bossGroup = new MultiThreadIoEventLoopGroup(1, Transports.ioHandlerFactory());
  /**
   * One event loop per core, not Netty's default of two: relayed sessions keep their loop busy with
   * short reads and writes, and more loops than cores only add context switches (docs/benchmarks.md,
   * History). {@code -Dio.netty.eventLoopThreads} still overrides it.
   */
  private final EventLoopGroup workerGroup = new MultiThreadIoEventLoopGroup(
      Integer.getInteger("io.netty.eventLoopThreads", Runtime.getRuntime().availableProcessors()),
      Transports.ioHandlerFactory());
  private final List<Channel> bound = new ArrayList<>();

  /** Binds all listeners or none: a failure closes what was bound and names the setting. */
  public List<InetSocketAddress> bind(String host, List<ListenerSpec> listeners, SslContext sslContext) {
    List<InetSocketAddress> addresses = new ArrayList<>();
    log.info("socket transport: {}", Transports.epoll() ? "epoll" : "nio (the native epoll library did not load)");
    for (ListenerSpec spec : listeners) {
      try {
        Channel channel = bootstrap(spec, sslContext).bind(host, spec.port()).sync().channel();
        bound.add(channel);
        addresses.add((InetSocketAddress) channel.localAddress());
      } catch (Exception e) {
        close();
        String reason = e instanceof BindException ? "the port is already in use" : e.getMessage();
        throw new PortInUseException("cannot listen for " + spec.name() + " on " + host + ":" + spec.port() + " ("
            + reason + "); change listeners." + spec.name() + ".port (0 disables the listener)", e);
      }
    }
    return addresses;
  }

  private ServerBootstrap bootstrap(ListenerSpec spec, SslContext sslContext) {
    return new ServerBootstrap()
        .group(bossGroup, workerGroup)
        .channel(Transports.serverChannel())
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        // A client may shut down its sending side and still read the answers (as with PostgreSQL).
        .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast("detect",
                new ProtocolDetector(spec.name(), spec.frontends(), sslContext, spec.silenceTimeoutMs()));
          }
        });
  }

  @Override
  public void close() {
    for (Channel channel : bound) {
      channel.close().awaitUninterruptibly();
    }
    bound.clear();
    workerGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    bossGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    log.debug("listeners closed");
  }
}
