package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.function.Consumer;

/** Hex helpers for byte-level tests. */
final class Bytes {
  private Bytes() {}

  static String hex(Consumer<ByteBuf> write) {
    ByteBuf out = Unpooled.buffer();
    write.accept(out);
    return ByteBufUtil.hexDump(out);
  }

  static String encoded(PacketPayload message) {
    Consumer<ByteBuf> write = message::encode;
    return hex(write);
  }

  static ByteBuf buf(String hex) {
    return Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex.replace(" ", "")));
  }

  static String ascii(String s) {
    return ByteBufUtil.hexDump(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
