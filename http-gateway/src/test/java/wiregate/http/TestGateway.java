package wiregate.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import wiregate.core.async.QueryService;
import wiregate.core.auth.ApiTokens;
import wiregate.core.auth.DecoyVerifiers;
import wiregate.core.auth.UserAdmin;
import wiregate.core.auth.UserStore;
import wiregate.core.config.ConfigLoader;
import wiregate.core.config.GatewayConfig;
import wiregate.core.config.LiveConfig;
import wiregate.core.ingress.ConnectionInfo;
import wiregate.core.lifecycle.InFlight;
import wiregate.core.lifecycle.Lifecycle;
import wiregate.core.metrics.MetricsEndpoint;
import wiregate.http.auth.HttpAuthenticator;

/**
 * The HTTP frontend on a real local port (plain TCP; {@code pretendTls} marks connections as if
 * ingress had terminated TLS), with users alice and bob, and a token for alice.
 */
final class TestGateway implements AutoCloseable {
  final Lifecycle lifecycle = new Lifecycle(new InFlight());
  final GatewayConfig config = new GatewayConfig();
  final String aliceToken;
  final HttpFrontend frontend;
  final int port;
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final Channel server;

  TestGateway(Path dir, Optional<QueryService> queries, boolean pretendTls) throws Exception {
    config.async.maxRequestBytes = 4096;
    config.auth.scramIterations = 1024;
    SecureRandom random = new SecureRandom();
    UserStore users = UserStore.open(dir.resolve("users.yaml"));
    UserAdmin admin = new UserAdmin(users, 1024, random);
    admin.addUser("alice", "alice-pw");
    admin.addUser("bob", "bob-pw");
    ApiTokens tokens = ApiTokens.besideUsersFile(users.file());
    aliceToken = tokens.create("alice", random);
    HttpAuthenticator auth = new HttpAuthenticator(() -> users, DecoyVerifiers.withRandomSecret(random, 1024),
        tokens, () -> config.auth);
    LiveConfig live = new LiveConfig(config, () -> config, new ConfigLoader());
    MetricsEndpoint metrics = new MetricsEndpoint() {
      @Override
      public String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
      }

      @Override
      public String scrape() {
        return "wiregate_test_total 1.0\n";
      }
    };
    frontend = new HttpFrontend("http", new HttpServices(queries, live, lifecycle, metrics, auth, workers));
    server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            frontend.install(ch, new ConnectionInfo("http", ch.remoteAddress(), pretendTls));
          }
        }).bind("127.0.0.1", 0).sync().channel();
    port = ((InetSocketAddress) server.localAddress()).getPort();
  }

  @Override
  public void close() {
    server.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    workers.shutdownNow();
  }
}
