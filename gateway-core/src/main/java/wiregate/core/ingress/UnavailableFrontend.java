package wiregate.core.ingress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A protocol the gateway recognises but does not serve yet: the client gets the protocol's own way of
 * saying so (where it has one) and the connection closes, rather than hanging.
 */
public final class UnavailableFrontend implements ProtocolFrontend {
  private static final Logger log = LoggerFactory.getLogger(UnavailableFrontend.class);

  private final String name;
  private final Function<ByteBuf, Detection> detector;
  private final boolean serverSpeaksFirst;
  private final byte[] refusal;

  public UnavailableFrontend(String name, Function<ByteBuf, Detection> detector, boolean serverSpeaksFirst,
      byte[] refusal) {
    this.name = name;
    this.detector = detector;
    this.serverSpeaksFirst = serverSpeaksFirst;
    this.refusal = refusal;
  }

  public static UnavailableFrontend http(String name) {
    String body = "{\"error\":{\"code\":\"UNAVAILABLE\",\"message\":\"wiregate: the HTTP APIs are not available on this gateway yet\"}}";
    String response = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length() + "\r\nConnection: close\r\n\r\n" + body;
    return new UnavailableFrontend(name, ProtocolSignatures::http, false,
        response.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  public static UnavailableFrontend silent(String name, Function<ByteBuf, Detection> detector) {
    return new UnavailableFrontend(name, detector, false, new byte[0]);
  }

  private static byte[] bytes(ByteBuf buf) {
    byte[] out = new byte[buf.readableBytes()];
    buf.readBytes(out);
    return out;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Detection detect(ByteBuf firstBytes) {
    return detector.apply(firstBytes);
  }

  @Override
  public boolean serverSpeaksFirst() {
    return serverSpeaksFirst;
  }

  @Override
  public void install(Channel channel, ConnectionInfo connection) {
    log.info("refusing {} connection from {}: protocol not available yet", name, connection.remote());
    channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        io.netty.util.ReferenceCountUtil.release(msg);
      }

      @Override
      public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
          ctx.close();
        }
      }
    });
    channel.writeAndFlush(Unpooled.wrappedBuffer(refusal)).addListener(ChannelFutureListener.CLOSE);
  }
}
