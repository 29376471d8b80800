package wiregate.mysql;

import java.net.SocketAddress;
import java.util.Map;
import wiregate.mysql.codec.CapabilityFlags;
import wiregate.mysql.codec.Collations;

/**
 * A client that has logged in: what the command phase needs to know about it.
 *
 * @param database the database named at login (or by COM_CHANGE_USER), null if none; not yet
 *     checked to exist (the command phase does, and may refuse the login)
 * @param capabilities the negotiated capabilities: what the server offered AND the client set
 * @param collationId the client's character set / collation id from the handshake
 * @param secure whether the connection is encrypted (TLS at the MySQL layer or at ingress)
 * @param connectionId the id the greeting announced (CONNECTION_ID(), KILL)
 */
public record AuthenticatedClient(String user, String database, int capabilities, int collationId,
    Map<String, String> connectAttributes, SocketAddress remoteAddress, boolean secure, int connectionId) {
  public AuthenticatedClient {
    connectAttributes = Map.copyOf(connectAttributes);
  }

  public boolean has(int capability) {
    return CapabilityFlags.has(capabilities, capability);
  }

  /** Result sets end with OK (0xFE) instead of EOF packets. */
  public boolean deprecateEof() {
    return has(CapabilityFlags.DEPRECATE_EOF);
  }

  public java.nio.charset.Charset charset() {
    return Collations.charsetOf(collationId);
  }
}
