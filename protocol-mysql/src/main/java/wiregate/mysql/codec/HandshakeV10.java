package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The server's greeting (Protocol::HandshakeV10): version, connection id, the 20-byte scramble in
 * two parts, capabilities, default collation, status and the default authentication plugin.
 */
public record HandshakeV10(String serverVersion, int connectionId, byte[] scramble, int capabilities,
    int collationId, int statusFlags, String authPluginName) implements PacketPayload {
  public static final int PROTOCOL_VERSION = 10;
  public static final String SERVER_VERSION = "8.0.40-wiregate";
  public static final int SCRAMBLE_LENGTH = 20;
  private static final int FIRST_PART = 8;

  public HandshakeV10 {
    if (scramble.length != SCRAMBLE_LENGTH) {
      throw new IllegalArgumentException("the scramble is " + SCRAMBLE_LENGTH + " bytes");
    }
    scramble = scramble.clone();
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeByte(PROTOCOL_VERSION);
    WireTypes.writeNulTerminatedString(out, serverVersion, StandardCharsets.UTF_8);
    out.writeIntLE(connectionId);
    out.writeBytes(scramble, 0, FIRST_PART);
    out.writeByte(0); // filler
    out.writeShortLE(capabilities & 0xffff);
    out.writeByte(collationId);
    out.writeShortLE(statusFlags);
    out.writeShortLE(capabilities >>> 16);
    boolean pluginAuth = CapabilityFlags.has(capabilities, CapabilityFlags.PLUGIN_AUTH);
    out.writeByte(pluginAuth ? SCRAMBLE_LENGTH + 1 : 0); // counts the NUL after the second part
    out.writeZero(10); // reserved
    // At least 13 bytes: the rest of the scramble and a NUL, which old clients read as a C string.
    out.writeBytes(scramble, FIRST_PART, SCRAMBLE_LENGTH - FIRST_PART);
    out.writeByte(0);
    if (pluginAuth) {
      WireTypes.writeNulTerminatedString(out, authPluginName, StandardCharsets.UTF_8);
    }
  }

  @Override
  public byte[] scramble() {
    return scramble.clone();
  }
}
