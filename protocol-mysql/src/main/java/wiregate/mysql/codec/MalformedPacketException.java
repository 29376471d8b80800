package wiregate.mysql.codec;

/**
 * A client packet that does not parse: shorter than its fields, or a length that points past its
 * end. The connection answers ER_MALFORMED_PACKET (or a handshake error) rather than guessing.
 */
public final class MalformedPacketException extends Exception {
  public MalformedPacketException(String message) {
    super(message, null, false, false);
  }
}
