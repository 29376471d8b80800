package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;

/** COM_FIELD_LIST (deprecated, still sent by some clients): a table's columns matching a wildcard. */
public record ComFieldList(String table, String wildcard) {
  public static ComFieldList decode(ByteBuf in, Charset charset) throws MalformedPacketException {
    CommandPayloads.expectCommand(in, CommandCode.FIELD_LIST);
    String table = WireTypes.readNulTerminatedString(in, charset, "table name");
    return new ComFieldList(table, new String(WireTypes.readRestOfPacket(in), charset));
  }
}
