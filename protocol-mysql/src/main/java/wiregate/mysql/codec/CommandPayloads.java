package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;

/** What every command parser does first. */
final class CommandPayloads {
  private CommandPayloads() {}

  static void expectCommand(ByteBuf in, int command) throws MalformedPacketException {
    WireTypes.require(in, 1, "command");
    int actual = in.readUnsignedByte();
    if (actual != command) {
      throw new MalformedPacketException("expected command 0x" + Integer.toHexString(command) + ", got 0x"
          + Integer.toHexString(actual));
    }
  }

  static int readStatementId(ByteBuf in) throws MalformedPacketException {
    WireTypes.require(in, 4, "statement id");
    return in.readIntLE();
  }
}
