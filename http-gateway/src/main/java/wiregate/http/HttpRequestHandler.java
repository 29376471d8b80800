package wiregate.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.core.async.AsyncQueryException;
import wiregate.core.ingress.ConnectionInfo;
import wiregate.core.lifecycle.InFlight;

/**
 * One HTTP/1.1 connection's requests. Routing, admission and copying the request happen on the
 * event loop (cheap); authentication and the endpoint run on a worker thread; the response is
 * written back through the channel (on its event loop). Requests of one connection are served one
 * at a time in arrival order, as HTTP/1.1 pipelining requires: later ones wait, with reading paused.
 *
 * <p>In flight for a drain is a request being served, not an open connection: an idle keep-alive
 * connection never holds a drain up. Probes are not counted at all, and submissions are refused
 * (503 with Retry-After) once the gateway drains. Fields are touched only on the event loop.
 */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(HttpRequestHandler.class);
  private static final String KIND = "http";

  private final HttpServices services;
  private final Router router;
  private final ConnectionInfo connection;
  private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
  private boolean busy;
  private boolean closeWhenIdle;

  HttpRequestHandler(HttpServices services, Router router, ConnectionInfo connection) {
    super(false); // requests may wait in the queue: released by hand
    this.services = services;
    this.router = router;
    this.connection = connection;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (busy) {
      waiting.add(request);
      ctx.channel().config().setAutoRead(false);
      return;
    }
    start(ctx, request);
  }

  private void start(ChannelHandlerContext ctx, FullHttpRequest request) {
    busy = true;
    Channel channel = ctx.channel();
    boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
    try {
      Optional<ApiException> refused = refusal(request);
      if (refused.isPresent()) {
        finishAfter(ctx, ResponseWriter.error(channel, refused.get(), false), null, false);
        return;
      }
      QueryStringDecoder uri = new QueryStringDecoder(request.uri());
      switch (router.route(request.method(), uri.path())) {
        case Router.NotFound notFound -> finishAfter(ctx, ResponseWriter.error(channel,
            new ApiException(HttpResponseStatus.NOT_FOUND, "NOT_FOUND", "no such endpoint: " + uri.path()),
            keepAlive), null, keepAlive);
        case Router.MethodNotAllowed wrong -> finishAfter(ctx, ResponseWriter.error(channel,
            new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                request.method() + " is not allowed on " + uri.path() + "; allowed: " + String.join(", ",
                    wrong.allowed())).header(HttpHeaderNames.ALLOW, String.join(", ", wrong.allowed())),
            keepAlive), null, keepAlive);
        case Router.Found found -> dispatch(ctx, request, uri, found, keepAlive);
      }
    } finally {
      request.release();
    }
  }

  /** Requests the codec could not read, or an HTTP version this surface does not speak. */
  private static Optional<ApiException> refusal(FullHttpRequest request) {
    if (request.decoderResult().isFailure()) {
      Throwable cause = request.decoderResult().cause();
      if (cause instanceof TooLongHttpLineException) {
        return Optional.of(new ApiException(HttpResponseStatus.REQUEST_URI_TOO_LONG, "URI_TOO_LONG",
            "the request line is too long"));
      }
      if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
        return Optional.of(new ApiException(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
            "HEADERS_TOO_LARGE", "the request headers are too large"));
      }
      return Optional.of(ApiException.badRequest("MALFORMED_HTTP", "malformed HTTP request: " + cause.getMessage()));
    }
    if (request.protocolVersion().majorVersion() != 1) {
      return Optional.of(new ApiException(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, "HTTP_VERSION_NOT_SUPPORTED",
          "this gateway speaks HTTP/1.1"));
    }
    return Optional.empty();
  }

  private void dispatch(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri,
      Router.Found found, boolean keepAlive) {
    Channel channel = ctx.channel();
    Route route = found.route();
    InFlight.Token token = null;
    switch (route.work()) {
      case PROBE -> { }
      // A timed-out drain ends a request by closing its connection.
      case REQUEST -> token = services.lifecycle().inFlight().register(KIND, channel::close);
      case SUBMISSION -> {
        token = services.lifecycle().admit(KIND, channel::close).orElse(null);
        if (token == null) {
          finishAfter(ctx, ResponseWriter.error(channel,
              ErrorMapping.unavailable("the gateway is shutting down and accepts no new queries"), keepAlive),
              null, keepAlive);
          return;
        }
      }
    }
    ApiRequest apiRequest = new ApiRequest(request.method(), request.uri(), uri.path(), uri.parameters(),
        new DefaultHttpHeaders().add(request.headers()), ByteBufUtil.getBytes(request.content()),
        found.pathParams(), connection, null);
    InFlight.Token work = token;
    try {
      services.workers().execute(() -> serve(ctx, route, apiRequest, keepAlive, work));
    } catch (RejectedExecutionException e) {
      // The server is closing its workers: nothing can be served any more.
      if (work != null) {
        work.close();
      }
      channel.close();
    }
  }

  /** On a worker thread. */
  private void serve(ChannelHandlerContext ctx, Route route, ApiRequest request, boolean keepAlive,
      InFlight.Token token) {
    Channel channel = ctx.channel();
    ChannelFuture written;
    try {
      ApiRequest authenticated = route.access() == Route.Access.USER
          ? request.withUser(services.authenticator().authenticate(
              request.headers().getAll(HttpHeaderNames.AUTHORIZATION), connection.tlsAtIngress()))
          : request;
      ApiResponse response = route.endpoint().handle(authenticated);
      if (response instanceof ApiResponse.EventStream stream) {
        written = EventStreamUpgrade.start(channel, authenticated, stream, services.requireQueries(), services);
        finishAfter(ctx, written, token, false);
        return;
      }
      written = ResponseWriter.write(channel, response, keepAlive);
    } catch (ApiException e) {
      written = ResponseWriter.error(channel, e, keepAlive);
    } catch (AsyncQueryException e) {
      written = ResponseWriter.error(channel, ErrorMapping.toApi(e), keepAlive);
    } catch (Exception e) {
      log.error("{} {} failed", request.method(), request.path(), e);
      written = ResponseWriter.error(channel, new ApiException(HttpResponseStatus.INTERNAL_SERVER_ERROR,
          "INTERNAL", "the gateway failed to serve this request; see its log"), keepAlive);
    }
    finishAfter(ctx, written, token, keepAlive);
  }

  /** When the response is out: release the drain token, then close or serve the next request. */
  private void finishAfter(ChannelHandlerContext ctx, ChannelFuture written, InFlight.Token token,
      boolean keepAlive) {
    written.addListener(done -> {
      if (token != null) {
        token.close();
      }
      if (!keepAlive || !done.isSuccess()) {
        ctx.channel().close();
        return;
      }
      ctx.executor().execute(() -> next(ctx));
    });
  }

  private void next(ChannelHandlerContext ctx) {
    busy = false;
    if (!ctx.channel().isActive() || ctx.pipeline().get(HttpRequestHandler.class) != this) {
      return;
    }
    FullHttpRequest queued = waiting.poll();
    if (queued != null) {
      start(ctx, queued);
      return;
    }
    if (closeWhenIdle) {
      ctx.close();
      return;
    }
    ctx.channel().config().setAutoRead(true);
    ctx.read();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent && !busy) {
      ctx.close(); // an idle keep-alive connection holds a socket and nothing else
      return;
    }
    if (evt instanceof ChannelInputShutdownEvent) {
      // The client will send no more requests; answer the one in progress, then close.
      if (busy || !waiting.isEmpty()) {
        closeWhenIdle = true;
      } else {
        ctx.close();
      }
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    releaseWaiting();
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    releaseWaiting();
  }

  private void releaseWaiting() {
    FullHttpRequest queued;
    while ((queued = waiting.poll()) != null) {
      queued.release();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("HTTP connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
