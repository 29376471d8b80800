package wiregate.pgwire.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the untyped packets a connection opens with (length, then a code): SSLRequest,
 * GSSENCRequest, CancelRequest and StartupMessage. After a StartupMessage it hands the stream to the
 * typed-message decoder that the connection handler installs.
 */
public final class StartupDecoder extends ByteToMessageDecoder {
  private boolean failed;
  /** PostgreSQL's own limit for a startup packet. */
  static final int MAX_STARTUP_PACKET = 10_000;
  public static final int SSL_REQUEST_CODE = 80877103;
  public static final int GSSENC_REQUEST_CODE = 80877104;
  public static final int CANCEL_REQUEST_CODE = 80877102;

  private boolean done;
  private final java.util.function.Supplier<MessageDecoder> next;

  /** {@code next} makes the typed-message decoder that takes over after the StartupMessage. */
  public StartupDecoder(java.util.function.Supplier<MessageDecoder> next) {
    this.next = next;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (done) {
      return;
    }
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      decodeOne(in, out);
      if (done && out.stream().anyMatch(m -> m instanceof FrontendMessage.Startup)) {
        // Bytes after the StartupMessage are typed messages: the next decoder receives them.
        ctx.pipeline().replace(this, "pg-messages", next.get());
      }
    } catch (ProtocolViolation violation) {
      // Report in order with the messages before it; everything after it is ignored.
      failed = true;
      in.skipBytes(in.readableBytes());
      out.add(new FrontendMessage.Malformed(violation.error()));
    }
  }

  private void decodeOne(ByteBuf in, List<Object> out) {
    if (done || in.readableBytes() < 4) {
      return;
    }
    int length = in.getInt(in.readerIndex());
    if (length < 8 || length > MAX_STARTUP_PACKET) {
      throw new ProtocolViolation("invalid length of startup packet");
    }
    if (in.readableBytes() < length) {
      return;
    }
    ByteBuf packet = in.readSlice(length).skipBytes(4);
    int code = packet.readInt();
    FrontendMessage message = switch (code) {
      case SSL_REQUEST_CODE -> new FrontendMessage.SslRequest();
      case GSSENC_REQUEST_CODE -> new FrontendMessage.GssEncRequest();
      case CANCEL_REQUEST_CODE -> cancel(packet);
      default -> startup(code, packet);
    };
    if (message instanceof FrontendMessage.SslRequest && in.isReadable()) {
      // Bytes sent before the TLS handshake could be injected by a man in the middle (CVE-2021-23222).
      throw new ProtocolViolation("received unencrypted data after SSL request");
    }
    if (message instanceof FrontendMessage.Startup || message instanceof FrontendMessage.CancelRequest) {
      done = true;
    }
    out.add(message);
  }

  private static FrontendMessage cancel(ByteBuf packet) {
    if (packet.readableBytes() < 8) {
      throw new ProtocolViolation("invalid length of cancel request packet");
    }
    return new FrontendMessage.CancelRequest(packet.readInt(), packet.readInt());
  }

  private static FrontendMessage startup(int version, ByteBuf packet) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if ((version >>> 16) == 3) {
      while (true) {
        if (!packet.isReadable()) {
          throw new ProtocolViolation("invalid startup packet layout: expected terminator as last byte");
        }
        String name = PgStrings.readCString(packet, StandardCharsets.UTF_8, "startup");
        if (name.isEmpty()) {
          break;
        }
        if (!packet.isReadable()) {
          throw new ProtocolViolation("invalid startup packet layout: expected terminator as last byte");
        }
        parameters.put(name, PgStrings.readCString(packet, StandardCharsets.UTF_8, "startup"));
      }
    }
    return new FrontendMessage.Startup(version, parameters);
  }
}
