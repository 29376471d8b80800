package wiregate.pgwire.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;

/** Null-terminated strings ("String" in the protocol documentation). */
final class PgStrings {
  private PgStrings() {}

  /** Reads a null-terminated string, or fails with a protocol violation naming the message. */
  static String readCString(ByteBuf in, Charset charset, String messageName) {
    int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) 0);
    if (end < 0) {
      throw new ProtocolViolation("invalid " + messageName + " message format: missing string terminator");
    }
    String value = in.toString(in.readerIndex(), end - in.readerIndex(), charset);
    in.readerIndex(end + 1);
    return value;
  }

  static void writeCString(ByteBuf out, String value, Charset charset) {
    out.writeCharSequence(value, charset);
    out.writeByte(0);
  }
}
