package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;

/**
 * COM_QUERY: the statement text, the rest of the packet. No query-attribute prefix: the gateway does
 * not offer CLIENT_QUERY_ATTRIBUTES.
 */
public record ComQuery(String query) {
  public static ComQuery decode(ByteBuf in, Charset charset) throws MalformedPacketException {
    CommandPayloads.expectCommand(in, CommandCode.QUERY);
    return new ComQuery(new String(WireTypes.readRestOfPacket(in), charset));
  }
}
