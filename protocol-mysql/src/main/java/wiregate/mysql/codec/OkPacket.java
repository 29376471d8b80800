package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * OK_Packet: affected rows, last insert id, status flags, warnings and an optional human-readable
 * info string (e.g. "Rows matched: 1  Changed: 1  Warnings: 0"), length-prefixed. With CLIENT_DEPRECATE_EOF the same
 * packet with header 0xFE ends a result set instead of an EOF packet ({@link #asResultSetEnd()}).
 */
public record OkPacket(int header, long affectedRows, long lastInsertId, int statusFlags, int warnings,
    String info) implements PacketPayload {
  public static final int OK_HEADER = 0x00;
  public static final int EOF_HEADER = 0xfe;

  public OkPacket(long affectedRows, long lastInsertId, int statusFlags, int warnings, String info) {
    this(OK_HEADER, affectedRows, lastInsertId, statusFlags, warnings, info);
  }

  /** A plain OK with nothing affected. */
  public static OkPacket of(int statusFlags) {
    return new OkPacket(0, 0, statusFlags, 0, "");
  }

  /** The result-set terminator that replaces EOF when CLIENT_DEPRECATE_EOF is on. */
  public static OkPacket resultSetEnd(int statusFlags, int warnings) {
    return new OkPacket(EOF_HEADER, 0, 0, statusFlags, warnings, "");
  }

  public OkPacket asResultSetEnd() {
    return new OkPacket(EOF_HEADER, affectedRows, lastInsertId, statusFlags, warnings, info);
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeByte(header);
    WireTypes.writeLengthEncodedInt(out, affectedRows);
    WireTypes.writeLengthEncodedInt(out, lastInsertId);
    out.writeShortLE(statusFlags);
    out.writeShortLE(warnings);
    if (info != null && !info.isEmpty()) {
      // string<lenenc>, as MySQL and MariaDB write it even without CLIENT_SESSION_TRACK (the protocol
      // documentation says string<EOF>): Connector/J and libmysqlclient read a length prefix.
      WireTypes.writeLengthEncodedString(out, info, StandardCharsets.UTF_8);
    }
  }
}
