package wiregate.pgwire.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.Charset;
import java.util.List;
import java.util.function.Supplier;
import wiregate.core.model.GatewayError;
import wiregate.core.model.SqlState;

/**
 * Decodes typed frontend messages (a type byte, a length that counts itself, the body). A length
 * beyond the configured maximum is refused before any of the body is buffered.
 */
public final class MessageDecoder extends ByteToMessageDecoder {
  private boolean failed;
  private final int maxMessageSize;
  private final Supplier<Charset> clientCharset;

  public MessageDecoder(int maxMessageSize, Supplier<Charset> clientCharset) {
    this.maxMessageSize = maxMessageSize;
    this.clientCharset = clientCharset;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      decodeOne(in, out);
    } catch (ProtocolViolation violation) {
      // Report in order with the messages before it; everything after it is ignored.
      failed = true;
      in.skipBytes(in.readableBytes());
      out.add(new FrontendMessage.Malformed(violation.error()));
    }
  }

  /**
   * Why a message header cannot be accepted (a length under 4, or over the configured maximum), or
   * null. Shared with the relay, which checks headers without decoding bodies.
   */
  public static GatewayError framingError(char type, int length, int maxMessageSize) {
    if (length < 4) {
      return GatewayError.fatal(SqlState.PROTOCOL_VIOLATION,
          "invalid message length " + length + " for message type '" + printable(type) + "'");
    }
    if (length > maxMessageSize) {
      return GatewayError.fatal(SqlState.PROGRAM_LIMIT_EXCEEDED,
          "message of " + length + " bytes exceeds the limit of " + maxMessageSize + " bytes")
          .withHint("The limit is the gateway setting protocols.postgres.max-message-size.");
    }
    return null;
  }

  private void decodeOne(ByteBuf in, List<Object> out) {
    if (in.readableBytes() < 5) {
      return;
    }
    int start = in.readerIndex();
    char type = (char) in.getUnsignedByte(start);
    int length = in.getInt(start + 1);
    GatewayError framing = framingError(type, length, maxMessageSize);
    if (framing != null) {
      throw new ProtocolViolation(framing);
    }
    if (in.readableBytes() < length + 1) {
      return;
    }
    in.skipBytes(5);
    ByteBuf body = in.readSlice(length - 4);
    out.add(decodeBody(type, body));
  }

  /** A body that does not parse is the client's error, not a broken stream: the framing still holds. */
  private FrontendMessage decodeBody(char type, ByteBuf body) {
    try {
      FrontendMessage message = switch (type) {
        case 'Q' -> new FrontendMessage.Query(PgStrings.readCString(body, clientCharset.get(), "Query"));
        case 'P' -> parse(body);
        case 'B' -> bind(body);
        case 'D' -> new FrontendMessage.Describe(kind(body, "Describe"), PgStrings.readCString(body,
            clientCharset.get(), "Describe"));
        case 'E' -> new FrontendMessage.Execute(PgStrings.readCString(body, clientCharset.get(), "Execute"),
            readInt(body));
        case 'C' -> new FrontendMessage.Close(kind(body, "Close"), PgStrings.readCString(body, clientCharset.get(),
            "Close"));
        case 'p' -> new FrontendMessage.AuthenticationResponse(bytes(body));
        case 'd' -> new FrontendMessage.CopyData(bytes(body));
        case 'c' -> new FrontendMessage.CopyDone();
        case 'f' -> new FrontendMessage.CopyFail(PgStrings.readCString(body, clientCharset.get(), "CopyFail"));
        case 'X' -> new FrontendMessage.Terminate();
        case 'S' -> new FrontendMessage.Sync();
        case 'H' -> new FrontendMessage.Flush();
        default -> {
          body.skipBytes(body.readableBytes());
          yield new FrontendMessage.Unsupported(type);
        }
      };
      if (body.isReadable()) {
        throw new ProtocolViolation("invalid message format: " + body.readableBytes()
            + " unexpected bytes at the end of message type '" + printable(type) + "'");
      }
      return message;
    } catch (ProtocolViolation violation) {
      return new FrontendMessage.Invalid(type, violation.error().withSeverity(GatewayError.ERROR));
    }
  }

  private FrontendMessage parse(ByteBuf body) {
    String name = PgStrings.readCString(body, clientCharset.get(), "Parse");
    String sql = PgStrings.readCString(body, clientCharset.get(), "Parse");
    int count = readCount(body);
    int[] types = new int[count];
    for (int i = 0; i < count; i++) {
      types[i] = readInt(body);
    }
    return new FrontendMessage.Parse(name, sql, types);
  }

  private FrontendMessage bind(ByteBuf body) {
    String portal = PgStrings.readCString(body, clientCharset.get(), "Bind");
    String statement = PgStrings.readCString(body, clientCharset.get(), "Bind");
    short[] formats = readShorts(body, readCount(body));
    int count = readCount(body);
    byte[][] values = new byte[count][];
    for (int i = 0; i < count; i++) {
      int length = readInt(body);
      if (length < -1 || length > body.readableBytes()) {
        throw new ProtocolViolation("insufficient data left in message");
      }
      if (length >= 0) {
        values[i] = new byte[length];
        body.readBytes(values[i]);
      }
    }
    short[] resultFormats = readShorts(body, readCount(body));
    return new FrontendMessage.Bind(portal, statement, formats, values, resultFormats);
  }

  private static char kind(ByteBuf body, String message) {
    if (!body.isReadable()) {
      throw new ProtocolViolation("insufficient data left in message");
    }
    char kind = (char) body.readUnsignedByte();
    if (kind != 'S' && kind != 'P') {
      throw new ProtocolViolation("invalid " + message + " message subtype " + (int) kind);
    }
    return kind;
  }

  private static int readInt(ByteBuf body) {
    if (body.readableBytes() < 4) {
      throw new ProtocolViolation("insufficient data left in message");
    }
    return body.readInt();
  }

  private static int readCount(ByteBuf body) {
    if (body.readableBytes() < 2) {
      throw new ProtocolViolation("insufficient data left in message");
    }
    return body.readUnsignedShort();
  }

  private static short[] readShorts(ByteBuf body, int count) {
    if (body.readableBytes() < 2L * count) {
      throw new ProtocolViolation("insufficient data left in message");
    }
    short[] out = new short[count];
    for (int i = 0; i < count; i++) {
      out[i] = body.readShort();
    }
    return out;
  }

  private static byte[] bytes(ByteBuf body) {
    byte[] bytes = new byte[body.readableBytes()];
    body.readBytes(bytes);
    return bytes;
  }

  static String printable(char type) {
    return type >= 0x20 && type < 0x7f ? String.valueOf(type) : String.format("\\x%02x", (int) type);
  }
}
