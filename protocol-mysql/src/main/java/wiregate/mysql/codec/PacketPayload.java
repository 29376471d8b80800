package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;

/** A server message that can write its payload; {@link PacketWriter} adds the packet header. */
@FunctionalInterface
public interface PacketPayload {
  void encode(ByteBuf out);
}
