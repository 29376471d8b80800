package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Asks the client to authenticate with another plugin: 0xFE, the plugin name, and its data (for
 * the scramble-based plugins, the 20-byte scramble and a NUL, as MySQL sends it).
 */
public record AuthSwitchRequest(String pluginName, byte[] pluginData) implements PacketPayload {
  public static final int HEADER = 0xfe;

  public AuthSwitchRequest {
    pluginData = pluginData.clone();
  }

  /** The request for a scramble-based plugin: the scramble with MySQL's trailing NUL. */
  public static AuthSwitchRequest withScramble(String pluginName, byte[] scramble) {
    byte[] data = java.util.Arrays.copyOf(scramble, scramble.length + 1);
    return new AuthSwitchRequest(pluginName, data);
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeByte(HEADER);
    WireTypes.writeNulTerminatedString(out, pluginName, StandardCharsets.UTF_8);
    out.writeBytes(pluginData);
  }

  @Override
  public byte[] pluginData() {
    return pluginData.clone();
  }
}
