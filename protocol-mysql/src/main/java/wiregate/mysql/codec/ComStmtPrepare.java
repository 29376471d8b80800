package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;

/** COM_STMT_PREPARE: the statement text with {@code ?} placeholders. */
public record ComStmtPrepare(String query) {
  public static ComStmtPrepare decode(ByteBuf in, Charset charset) throws MalformedPacketException {
    CommandPayloads.expectCommand(in, CommandCode.STMT_PREPARE);
    return new ComStmtPrepare(new String(WireTypes.readRestOfPacket(in), charset));
  }
}
