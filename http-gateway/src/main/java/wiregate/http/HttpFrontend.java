package wiregate.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import wiregate.core.ingress.ConnectionInfo;
import wiregate.core.ingress.ProtocolFrontend;
import wiregate.core.ingress.ProtocolSignatures;

/**
 * HTTP/1.1 on the {@code http} and {@code https} listeners and on the autodetect port. TLS (https,
 * or a ClientHello on the autodetect port) is terminated by ingress before this frontend is chosen,
 * so the pipeline here is the same for both; {@link ConnectionInfo#tlsAtIngress()} tells them apart
 * where it matters (Basic authentication).
 */
public final class HttpFrontend implements ProtocolFrontend {
  static final String IDLE = "http-idle";
  /** A keep-alive connection with no request in progress is closed after this long. */
  private static final int IDLE_SECONDS = 120;
  private static final int MAX_INITIAL_LINE = 8192;
  private static final int MAX_HEADER_SIZE = 16384;

  private final String name;
  private final HttpServices services;
  private final Router router;

  public HttpFrontend(String name, HttpServices services) {
    this.name = name;
    this.services = services;
    this.router = ApiRoutes.router(services);
  }

  public Router router() {
    return router;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Detection detect(ByteBuf firstBytes) {
    return ProtocolSignatures.http(firstBytes);
  }

  @Override
  public Set<String> alpnProtocols() {
    return Set.of("http/1.1");
  }

  @Override
  public void install(Channel channel, ConnectionInfo connection) {
    // Read per connection, so a reloaded limit applies to new connections.
    int maxBody = services.config().current().async.maxRequestBytes;
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.addLast("http-codec", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, 8192));
    pipeline.addLast(IDLE, new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS));
    pipeline.addLast("http-body-limit", new RequestBodyLimit(maxBody));
    pipeline.addLast("http-requests", new HttpRequestHandler(services, router, connection));
  }
}
