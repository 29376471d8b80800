package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Protocol::ColumnDefinition41: where a result column (or a prepared statement's parameter) comes
 * from and its type. {@code collationId} is the column's character set (63 = binary for numbers,
 * dates and blobs); {@code columnLength} is the maximum display length in bytes of that charset.
 * The names are encoded in {@code charset} (character_set_results, UTF-8 by default).
 */
public record ColumnDefinition41(String schema, String table, String orgTable, String name, String orgName,
    int collationId, long columnLength, int type, int flags, int decimals, Charset charset)
    implements PacketPayload {
  public static final String CATALOG = "def";
  /** The length of the fixed-size fields that follow the names. */
  private static final int FIXED_FIELDS_LENGTH = 0x0c;

  public ColumnDefinition41(String schema, String table, String orgTable, String name, String orgName,
      int collationId, long columnLength, int type, int flags, int decimals) {
    this(schema, table, orgTable, name, orgName, collationId, columnLength, type, flags, decimals,
        StandardCharsets.UTF_8);
  }

  /** A computed column (no table), such as {@code SELECT 1+1} or a parameter placeholder. */
  public static ColumnDefinition41 computed(String name, int collationId, long columnLength, int type, int flags,
      int decimals) {
    return new ColumnDefinition41("", "", "", name, "", collationId, columnLength, type, flags, decimals);
  }

  @Override
  public void encode(ByteBuf out) {
    WireTypes.writeLengthEncodedString(out, CATALOG, charset);
    WireTypes.writeLengthEncodedString(out, nullToEmpty(schema), charset);
    WireTypes.writeLengthEncodedString(out, nullToEmpty(table), charset);
    WireTypes.writeLengthEncodedString(out, nullToEmpty(orgTable), charset);
    WireTypes.writeLengthEncodedString(out, nullToEmpty(name), charset);
    WireTypes.writeLengthEncodedString(out, nullToEmpty(orgName), charset);
    WireTypes.writeLengthEncodedInt(out, FIXED_FIELDS_LENGTH);
    out.writeShortLE(collationId);
    out.writeIntLE((int) columnLength);
    out.writeByte(type);
    out.writeShortLE(flags);
    out.writeByte(decimals);
    out.writeShortLE(0); // filler
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
