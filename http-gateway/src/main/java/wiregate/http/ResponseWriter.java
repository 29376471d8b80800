package wiregate.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Puts an {@link ApiResponse} on the wire: framing (Content-Length), keep-alive, and the JSON error
 * shape. Called from worker threads; Netty hands the writes to the channel's event loop.
 */
final class ResponseWriter {
  private ResponseWriter() {}

  /** @return completes when the response is written (for a download, its last chunk) */
  static ChannelFuture write(Channel channel, ApiResponse response, boolean keepAlive) throws IOException {
    return switch (response) {
      case ApiResponse.Json json -> full(channel, json.status(), json.headers(),
          HttpHeaderValues.APPLICATION_JSON + "", json.body().toString(), keepAlive);
      case ApiResponse.Text text -> full(channel, text.status(), null, text.contentType(), text.body(), keepAlive);
      case ApiResponse.Empty empty -> full(channel, empty.status(), empty.headers(), null, null, keepAlive);
      case ApiResponse.Download download -> ResultStreamer.stream(channel, download, keepAlive);
      case ApiResponse.EventStream stream ->
          throw new IllegalStateException("an event stream is an upgrade, not a response");
    };
  }

  static ChannelFuture error(Channel channel, ApiException e, boolean keepAlive) {
    return full(channel, e.status(), e.headers(), HttpHeaderValues.APPLICATION_JSON + "",
        ApiJson.error(e.code(), e.getMessage()).toString(), keepAlive);
  }

  private static ChannelFuture full(Channel channel, HttpResponseStatus status, HttpHeaders extra,
      String contentType, String body, boolean keepAlive) {
    ByteBuf content = body == null ? Unpooled.EMPTY_BUFFER : Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
    if (extra != null) {
      response.headers().add(extra);
    }
    if (contentType != null) {
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
      // API answers describe a moment of changing state: never served from a cache.
      response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
    }
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
    connectionHeader(response, keepAlive);
    return channel.writeAndFlush(response);
  }

  static void connectionHeader(HttpMessage message, boolean keepAlive) {
    message.headers().set(HttpHeaderNames.CONNECTION,
        keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
  }
}
