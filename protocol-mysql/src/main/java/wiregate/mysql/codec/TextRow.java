package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;

/**
 * A row of a text result set (COM_QUERY): each value as a length-encoded string in the result
 * charset, NULL as the single byte 0xFB.
 */
public final class TextRow {
  private TextRow() {}

  /** Writes the whole row payload; a null element is SQL NULL. */
  public static void encode(ByteBuf out, byte[][] values) {
    for (byte[] value : values) {
      if (value == null) {
        writeNull(out);
      } else {
        WireTypes.writeLengthEncodedBytes(out, value);
      }
    }
  }

  public static void writeValue(ByteBuf out, byte[] value) {
    WireTypes.writeLengthEncodedBytes(out, value);
  }

  public static void writeNull(ByteBuf out) {
    out.writeByte(WireTypes.NULL_MARKER);
  }
}
