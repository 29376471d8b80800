package wiregate.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.core.async.QueryEvent;

/**
 * The WebSocket side of {@code /v1/ws}: one text frame (a JSON event) per state change, in the order
 * the service delivers them, and a normal close after the first terminal state. The client's frames
 * are not commands: pings are answered, a close is echoed, anything else is ignored. When the
 * connection goes, the subscription is closed (on a worker: closing may block), never the query.
 */
final class QueryEventsSocket extends SimpleChannelInboundHandler<WebSocketFrame> {
  private static final Logger log = LoggerFactory.getLogger(QueryEventsSocket.class);

  private final Executor workers;
  private volatile AutoCloseable subscription;
  private volatile boolean finished;

  QueryEventsSocket(Executor workers) {
    this.workers = workers;
  }

  /** Called by the service's thread, one event at a time, in order. */
  void send(Channel channel, QueryEvent event) {
    if (finished) {
      return;
    }
    channel.writeAndFlush(new TextWebSocketFrame(ApiJson.event(event).toString()));
    if (event.state().isTerminal()) {
      finished = true;
      channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, "final state"))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** The subscription to close with the connection; closes it at once if the connection is gone. */
  void subscribed(Channel channel, AutoCloseable handle) {
    subscription = handle;
    if (!channel.isActive()) {
      closeSubscription();
    }
  }

  /** The subscription could not start: tell the client why, as a close reason. */
  void refuse(Channel channel, String reason) {
    finished = true;
    // A close frame's reason has room for 123 bytes; keep it ASCII-safe and short.
    String shortReason = reason.length() > 120 ? reason.substring(0, 120) : reason;
    channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION, shortReason))
        .addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof PingWebSocketFrame ping) {
      ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
    } else if (frame instanceof CloseWebSocketFrame close) {
      ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), close.reasonText()))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    closeSubscription();
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("event socket to {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }

  private void closeSubscription() {
    AutoCloseable handle = subscription;
    if (handle == null) {
      return;
    }
    subscription = null;
    workers.execute(() -> {
      try {
        handle.close();
      } catch (Exception e) {
        log.debug("closing an event subscription failed: {}", e.toString());
      }
    });
  }
}
