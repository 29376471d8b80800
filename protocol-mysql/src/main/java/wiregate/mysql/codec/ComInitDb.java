package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;

/** COM_INIT_DB: {@code USE schema} as a command. */
public record ComInitDb(String schema) {
  public static ComInitDb decode(ByteBuf in, Charset charset) throws MalformedPacketException {
    CommandPayloads.expectCommand(in, CommandCode.INIT_DB);
    return new ComInitDb(new String(WireTypes.readRestOfPacket(in), charset));
  }
}
