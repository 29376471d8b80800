package wiregate.pgwire.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/** Builds frontend frames byte by byte for decoder tests. */
final class FrameBuilder {
  private FrameBuilder() {}

  static ByteBuf startup(int version, String... keyValues) {
    ByteBuf body = Unpooled.buffer();
    body.writeInt(version);
    for (String s : keyValues) {
      body.writeCharSequence(s, StandardCharsets.UTF_8);
      body.writeByte(0);
    }
    body.writeByte(0);
    return Unpooled.buffer().writeInt(body.readableBytes() + 4).writeBytes(body);
  }

  static ByteBuf untyped(int code, int... extra) {
    ByteBuf buf = Unpooled.buffer().writeInt(8 + 4 * extra.length).writeInt(code);
    for (int e : extra) {
      buf.writeInt(e);
    }
    return buf;
  }

  static ByteBuf typed(char type, byte[] body) {
    return Unpooled.buffer().writeByte(type).writeInt(body.length + 4).writeBytes(body);
  }

  static ByteBuf query(String sql) {
    byte[] text = sql.getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[text.length + 1];
    System.arraycopy(text, 0, body, 0, text.length);
    return typed('Q', body);
  }
}
