package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;

/**
 * EOF_Packet: ends column definitions and rows for clients without CLIENT_DEPRECATE_EOF (PyMySQL,
 * mysql-connector-python); the others get {@link OkPacket#resultSetEnd} instead.
 */
public record EofPacket(int warnings, int statusFlags) implements PacketPayload {
  public static final int HEADER = 0xfe;

  @Override
  public void encode(ByteBuf out) {
    out.writeByte(HEADER);
    out.writeShortLE(warnings);
    out.writeShortLE(statusFlags);
  }
}
