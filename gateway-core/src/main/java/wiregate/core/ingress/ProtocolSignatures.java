package wiregate.core.ingress;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import wiregate.core.ingress.ProtocolFrontend.Detection;

/** How each protocol's first client bytes look, for protocols recognised by the autodetect port. */
public final class ProtocolSignatures {
  private static final String[] HTTP_METHODS = {"GET ", "POST ", "PUT ", "HEAD ", "DELETE ", "OPTIONS ", "PATCH ",
      "PRI * HTTP/2"};

  private ProtocolSignatures() {}

  /** An HTTP/1.x request line or the HTTP/2 connection preface. */
  public static Detection http(ByteBuf in) {
    int n = Math.min(in.readableBytes(), 12);
    String head = in.toString(in.readerIndex(), n, StandardCharsets.US_ASCII);
    boolean partial = false;
    for (String method : HTTP_METHODS) {
      if (head.startsWith(method)) {
        return Detection.MATCH;
      }
      if (method.startsWith(head)) {
        partial = true;
      }
    }
    return partial ? Detection.NEED_MORE : Detection.NO_MATCH;
  }

  /** TDS: a PRELOGIN packet (type 0x12) with end-of-message status and a plausible length. */
  public static Detection tdsPrelogin(ByteBuf in) {
    if (in.readableBytes() < 8) {
      return in.getUnsignedByte(in.readerIndex()) == 0x12 ? Detection.NEED_MORE : Detection.NO_MATCH;
    }
    int i = in.readerIndex();
    int length = in.getUnsignedShort(i + 2);
    return in.getUnsignedByte(i) == 0x12 && in.getUnsignedByte(i + 1) <= 0x01 && length >= 8 && length <= 32768
        ? Detection.MATCH : Detection.NO_MATCH;
  }

  /** DRDA: a DSS header (length, magic 0xD0, format byte) opening with EXCSAT (codepoint 0x1041). */
  public static Detection drda(ByteBuf in) {
    if (in.readableBytes() < 10) {
      return in.readableBytes() < 3 || in.getUnsignedByte(in.readerIndex() + 2) == 0xD0
          ? Detection.NEED_MORE : Detection.NO_MATCH;
    }
    int i = in.readerIndex();
    return in.getUnsignedByte(i + 2) == 0xD0 && in.getUnsignedShort(i + 8) == 0x1041
        ? Detection.MATCH : Detection.NO_MATCH;
  }

  /** Oracle Net: a TNS packet header whose type (byte 4) is CONNECT (1). */
  public static Detection tnsConnect(ByteBuf in) {
    if (in.readableBytes() < 8) {
      return in.readableBytes() < 5 || in.getUnsignedByte(in.readerIndex() + 4) == 1
          ? Detection.NEED_MORE : Detection.NO_MATCH;
    }
    int i = in.readerIndex();
    int length = in.getUnsignedShort(i);
    return in.getUnsignedByte(i + 4) == 1 && in.getUnsignedByte(i + 5) == 0 && length >= 34
        ? Detection.MATCH : Detection.NO_MATCH;
  }
}
