package wiregate.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import wiregate.core.config.GatewayConfig;

/** Real handshakes over loopback: Netty server with our contexts, JDK client trusting the cert. */
class ServerTlsContextsTest {
  private static final List<String> ALPN = List.of("postgresql", "h2", "http/1.1");

  @TempDir static Path dataDir;
  private static TlsMaterial material;
  private static EventLoopGroup group;

  /** What the server side saw once the handshake finished. */
  private record ServerView(String protocol, Optional<String> alpn) {}

  @BeforeAll
  static void setUp() throws Exception {
    GatewayConfig config = new GatewayConfig();
    config.dataDir = dataDir.toString();
    material = TlsMaterial.loadOrGenerate(config);
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  }

  @AfterAll
  static void tearDown() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @ParameterizedTest
  @EnumSource(value = SslProvider.class, names = {"OPENSSL", "JDK"})
  void negotiatesPostgresqlAlpnWithVerifyingClient(SslProvider provider) throws Exception {
    assumeProvider(provider);
    try (Server server = new Server(ServerTlsContexts.forServer(material, ALPN, provider));
        SSLSocket client = connect(server, "localhost", List.of("postgresql"), null)) {
      client.startHandshake();

      assertEquals("postgresql", client.getApplicationProtocol());
      assertEquals("TLSv1.3", client.getSession().getProtocol());
      assertEquals(new ServerView("TLSv1.3", Optional.of("postgresql")), server.nextHandshake());
    }
  }

  @ParameterizedTest
  @EnumSource(value = SslProvider.class, names = {"OPENSSL", "JDK"})
  void acceptsClientsWithoutAlpn(SslProvider provider) throws Exception {
    assumeProvider(provider);
    try (Server server = new Server(ServerTlsContexts.forServer(material, ALPN, provider));
        SSLSocket client = connect(server, "localhost", List.of(), null)) {
      client.startHandshake();

      assertEquals("", client.getApplicationProtocol(), "no ALPN negotiated");
      assertEquals(Optional.empty(), server.nextHandshake().alpn());
    }
  }

  @ParameterizedTest
  @EnumSource(value = SslProvider.class, names = {"OPENSSL", "JDK"})
  void acceptsClientsOfferingOnlyUnknownAlpnProtocols(SslProvider provider) throws Exception {
    assumeProvider(provider);
    try (Server server = new Server(ServerTlsContexts.forServer(material, ALPN, provider));
        SSLSocket client = connect(server, "localhost", List.of("imap"), null)) {
      client.startHandshake();

      assertEquals("", client.getApplicationProtocol());
      assertEquals(Optional.empty(), server.nextHandshake().alpn());
    }
  }

  @ParameterizedTest
  @EnumSource(value = SslProvider.class, names = {"OPENSSL", "JDK"})
  void speaksTls12(SslProvider provider) throws Exception {
    assumeProvider(provider);
    try (Server server = new Server(ServerTlsContexts.forServer(material, ALPN, provider));
        SSLSocket client = connect(server, "localhost", List.of("h2"), "TLSv1.2")) {
      client.startHandshake();

      assertEquals("h2", client.getApplicationProtocol());
      assertEquals(new ServerView("TLSv1.2", Optional.of("h2")), server.nextHandshake());
    }
  }

  @Test
  void contextWithoutAlpnServesPlainTls() throws Exception {
    try (Server server = new Server(ServerTlsContexts.forServer(material));
        SSLSocket client = connect(server, "127.0.0.1", List.of("postgresql"), null)) {
      client.startHandshake();

      assertEquals("", client.getApplicationProtocol());
      assertEquals(Optional.empty(), server.nextHandshake().alpn());
    }
  }

  @Test
  void clientRejectsTheCertificateForAnotherHostName() throws Exception {
    try (Server server = new Server(ServerTlsContexts.forServer(material, ALPN));
        SSLSocket client = connect(server, "db.example.com", List.of("postgresql"), null)) {
      assertThrows(SSLHandshakeException.class, client::startHandshake);
    }
  }

  @Test
  void prefersOpenSslWhenTcnativeIsAvailable() {
    assumeTrue(OpenSsl.isAvailable(), "netty-tcnative not loadable here");
    assertEquals(SslProvider.OPENSSL, ServerTlsContexts.preferredProvider(true));
  }

  private static void assumeProvider(SslProvider provider) {
    assumeTrue(provider != SslProvider.OPENSSL || OpenSsl.isAvailable(),
        "netty-tcnative not loadable here");
  }

  /**
   * A JDK client that trusts only the gateway's certificate and verifies it for {@code host} the
   * way libpq's verify-full does; the TCP connection always goes to 127.0.0.1.
   */
  private static SSLSocket connect(Server server, String host, List<String> alpn,
      String onlyProtocol) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("gateway", material.certificate());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);

    Socket tcp = new Socket();
    tcp.connect(server.address(), 5_000);
    tcp.setSoTimeout(5_000);
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(tcp, host,
        server.address().getPort(), true);
    SSLParameters params = socket.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS");
    if (!host.matches("[0-9.]+")) {
      params.setServerNames(List.of(new SNIHostName(host)));
    }
    params.setApplicationProtocols(alpn.toArray(String[]::new));
    if (onlyProtocol != null) {
      params.setProtocols(new String[] {onlyProtocol});
    }
    socket.setSSLParameters(params);
    return socket;
  }

  /** A loopback Netty server that reports each completed handshake. */
  private static final class Server implements AutoCloseable {
    private final Channel channel;
    private final LinkedBlockingQueue<CompletableFuture<ServerView>> handshakes =
        new LinkedBlockingQueue<>();

    Server(SslContext sslContext) throws InterruptedException {
      channel = new ServerBootstrap()
          .group(group)
          .channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              CompletableFuture<ServerView> handshake = new CompletableFuture<>();
              handshakes.add(handshake);
              ch.pipeline().addLast(sslContext.newHandler(ch.alloc()), new Reporter(handshake));
            }
          })
          .bind("127.0.0.1", 0)
          .sync()
          .channel();
    }

    InetSocketAddress address() {
      return (InetSocketAddress) channel.localAddress();
    }

    ServerView nextHandshake() throws Exception {
      return handshakes.poll(5, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
      channel.close().syncUninterruptibly();
    }
  }

  private static final class Reporter extends ChannelInboundHandlerAdapter {
    private final CompletableFuture<ServerView> handshake;

    Reporter(CompletableFuture<ServerView> handshake) {
      this.handshake = handshake;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof SslHandshakeCompletionEvent completion) {
        if (completion.isSuccess()) {
          SslHandler ssl = ctx.pipeline().get(SslHandler.class);
          handshake.complete(new ServerView(ssl.engine().getSession().getProtocol(),
              Optional.ofNullable(ssl.applicationProtocol())));
        } else {
          handshake.completeExceptionally(completion.cause());
        }
      }
      ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      handshake.completeExceptionally(cause);
      ctx.close();
    }
  }
}
