package wiregate.mysql.codec;

import static wiregate.mysql.codec.CapabilityFlags.CONNECT_ATTRS;
import static wiregate.mysql.codec.CapabilityFlags.PLUGIN_AUTH;
import static wiregate.mysql.codec.CapabilityFlags.SECURE_CONNECTION;
import static wiregate.mysql.codec.CapabilityFlags.has;

import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * COM_CHANGE_USER: log in again as another user on the same connection. The layout follows the
 * capabilities negotiated at connect time; the collation and what follows it are optional.
 *
 * @param collationId 0 when the client did not send one (keep the current one)
 * @param database null when empty
 * @param authPluginName null when not sent
 */
public record ComChangeUser(String userName, byte[] authResponse, String database, int collationId,
    String authPluginName, Map<String, String> connectAttributes) {
  public static ComChangeUser decode(ByteBuf in, int capabilities, Charset charset) throws MalformedPacketException {
    CommandPayloads.expectCommand(in, CommandCode.CHANGE_USER);
    String user = WireTypes.readNulTerminatedString(in, charset, "user name");
    byte[] auth;
    if (has(capabilities, SECURE_CONNECTION)) {
      WireTypes.require(in, 1, "auth response length");
      int length = in.readUnsignedByte();
      WireTypes.require(in, length, "auth response");
      auth = new byte[length];
      in.readBytes(auth);
    } else {
      auth = WireTypes.readNulTerminatedBytes(in, "auth response");
    }
    String database = WireTypes.readNulTerminatedString(in, charset, "database");
    int collation = 0;
    String plugin = null;
    Map<String, String> attributes = Map.of();
    if (in.readableBytes() >= 2) {
      collation = in.readUnsignedShortLE();
      Charset newCharset = collation == 0 ? charset : Collations.charsetOf(collation);
      if (has(capabilities, PLUGIN_AUTH) && in.isReadable()) {
        plugin = WireTypes.readNulTerminatedString(in, newCharset, "auth plugin name");
      }
      if (has(capabilities, CONNECT_ATTRS) && in.isReadable()) {
        attributes = HandshakeResponse41.readAttributes(in, newCharset);
      }
    }
    return new ComChangeUser(user, auth, database.isEmpty() ? null : database, collation, plugin, attributes);
  }
}
