package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;

/** COM_SET_OPTION: turns multi-statement support on (0) or off (1); answered with EOF (or OK). */
public record ComSetOption(int option) {
  public static final int MULTI_STATEMENTS_ON = 0;
  public static final int MULTI_STATEMENTS_OFF = 1;

  public static ComSetOption decode(ByteBuf in) throws MalformedPacketException {
    CommandPayloads.expectCommand(in, CommandCode.SET_OPTION);
    WireTypes.require(in, 2, "option");
    return new ComSetOption(in.readUnsignedShortLE());
  }
}
