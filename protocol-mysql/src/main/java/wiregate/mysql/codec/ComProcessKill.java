package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;

/**
 * COM_PROCESS_KILL (deprecated since MySQL 5.7, still sent by e.g. PyMySQL's {@code kill()}): the
 * same as {@code KILL CONNECTION id}; the id is an unsigned 4-byte integer.
 */
public record ComProcessKill(long connectionId) {
  public static ComProcessKill decode(ByteBuf in) throws MalformedPacketException {
    CommandPayloads.expectCommand(in, CommandCode.PROCESS_KILL);
    WireTypes.require(in, 4, "connection id");
    return new ComProcessKill(in.readUnsignedIntLE());
  }
}
