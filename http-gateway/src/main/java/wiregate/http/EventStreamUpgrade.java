package wiregate.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import wiregate.core.async.AsyncQueryException;
import wiregate.core.async.QueryService;

/**
 * Switches a connection whose request passed {@code SubscribeEvents} to a WebSocket and subscribes it
 * to the query's events. The pipeline changes on the event loop; the subscription (which may block)
 * starts on a worker once the handshake is on the wire, so no event can precede the 101 response.
 */
final class EventStreamUpgrade {
  private EventStreamUpgrade() {}

  /** @return the channel's close future: the request lasts as long as the socket */
  static ChannelFuture start(Channel channel, ApiRequest request, ApiResponse.EventStream stream,
      QueryService queries, HttpServices services) {
    FullHttpRequest handshakeRequest = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
        request.uri(), Unpooled.EMPTY_BUFFER, request.headers(), EmptyHttpHeaders.INSTANCE);
    String scheme = request.connection().tlsAtIngress() ? "wss://" : "ws://";
    String host = request.header("Host").orElse("localhost");
    WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(scheme + host + "/v1/ws", null, false)
        .newHandshaker(handshakeRequest);
    channel.eventLoop().execute(() -> {
      if (handshaker == null) {
        WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel)
            .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
        return;
      }
      ChannelPipeline pipeline = channel.pipeline();
      QueryEventsSocket socket = new QueryEventsSocket(services.workers());
      pipeline.remove(HttpRequestHandler.class);
      if (pipeline.get(HttpFrontend.IDLE) != null) {
        pipeline.remove(HttpFrontend.IDLE); // a subscriber may wait long for a slow query's next event
      }
      pipeline.addLast("ws-events", socket);
      handshaker.handshake(channel, handshakeRequest).addListener(done -> {
        if (!done.isSuccess()) {
          channel.close();
          return;
        }
        services.workers().execute(() -> subscribe(channel, socket, stream, queries));
      });
    });
    return channel.closeFuture();
  }

  private static void subscribe(Channel channel, QueryEventsSocket socket, ApiResponse.EventStream stream,
      QueryService queries) {
    try {
      socket.subscribed(channel, queries.subscribe(stream.user(), stream.queryId(), e -> socket.send(channel, e)));
    } catch (AsyncQueryException e) {
      socket.refuse(channel, e.problem() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      socket.refuse(channel, "INTERNAL: the subscription failed");
    }
  }
}
