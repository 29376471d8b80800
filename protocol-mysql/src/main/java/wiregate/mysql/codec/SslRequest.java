package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;

/**
 * Protocol::SSLRequest: the first 32 bytes of a HandshakeResponse41 with CLIENT_SSL set, after
 * which the client starts the TLS handshake and sends the full response over TLS.
 */
public record SslRequest(int capabilities, int maxPacketSize, int collationId) implements PacketPayload {
  public static final int LENGTH = 4 + 4 + 1 + HandshakeResponse41.FILLER;

  /** Whether a client's first packet is an SSLRequest (a HandshakeResponse41 is always longer). */
  public static boolean matches(MySqlPacket packet) {
    byte[] p = packet.payload();
    return p.length == LENGTH && (p[1] & (CapabilityFlags.SSL >>> 8)) != 0;
  }

  public static SslRequest decode(ByteBuf in) throws MalformedPacketException {
    WireTypes.require(in, LENGTH, "SSLRequest");
    return new SslRequest(in.readIntLE(), in.readIntLE(), in.readUnsignedByte());
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeIntLE(capabilities).writeIntLE(maxPacketSize).writeByte(collationId).writeZero(HandshakeResponse41.FILLER);
  }
}
