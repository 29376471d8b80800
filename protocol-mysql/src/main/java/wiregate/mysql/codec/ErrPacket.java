package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * ERR_Packet: 0xFF, the MySQL error number, '#' and the SQLSTATE (under CLIENT_PROTOCOL_41, which
 * the gateway requires, so always), and the message. Also before the handshake completes, where
 * MySQL sends it the same way.
 */
public record ErrPacket(int errorCode, String sqlState, String message) implements PacketPayload {
  public static final int HEADER = 0xff;

  // The errors of the connection layer (the command phase maps engine errors elsewhere).
  public static final int ER_BAD_HANDSHAKE = 1043;
  public static final int ER_ACCESS_DENIED = 1045;
  public static final int ER_UNKNOWN_COM = 1047;
  public static final int ER_NET_PACKET_TOO_LARGE = 1153;
  public static final int ER_NET_PACKETS_OUT_OF_ORDER = 1156;
  public static final int ER_NOT_SUPPORTED_AUTH_MODE = 1251;
  public static final int ER_MALFORMED_PACKET = 1835;
  public static final int ER_UNKNOWN_ERROR = 1105;

  public ErrPacket {
    if (sqlState.length() != 5) {
      throw new IllegalArgumentException("a SQLSTATE has 5 characters: " + sqlState);
    }
  }

  public static ErrPacket packetTooLarge() {
    return new ErrPacket(ER_NET_PACKET_TOO_LARGE, "08S01", "Got a packet bigger than 'max_allowed_packet' bytes");
  }

  public static ErrPacket packetsOutOfOrder() {
    return new ErrPacket(ER_NET_PACKETS_OUT_OF_ORDER, "08S01", "Got packets out of order");
  }

  public static ErrPacket unknownCommand() {
    return new ErrPacket(ER_UNKNOWN_COM, "08S01", "Unknown command");
  }

  public static ErrPacket badHandshake() {
    return new ErrPacket(ER_BAD_HANDSHAKE, "08S01", "Bad handshake");
  }

  public static ErrPacket malformedPacket() {
    return new ErrPacket(ER_MALFORMED_PACKET, "HY000", "Malformed communication packet.");
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeByte(HEADER);
    out.writeShortLE(errorCode);
    out.writeByte('#');
    out.writeCharSequence(sqlState, StandardCharsets.US_ASCII);
    out.writeCharSequence(message, StandardCharsets.UTF_8);
  }

  /** The form for a client without CLIENT_PROTOCOL_41: no SQLSTATE. */
  public void encodeWithoutSqlState(ByteBuf out) {
    out.writeByte(HEADER);
    out.writeShortLE(errorCode);
    out.writeCharSequence(message, StandardCharsets.UTF_8);
  }
}
