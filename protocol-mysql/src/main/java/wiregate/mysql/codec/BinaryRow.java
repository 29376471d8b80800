package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;

/**
 * A row of a binary result set (COM_STMT_EXECUTE): 0x00, a NULL bitmap whose bits start at offset 2
 * (bit {@code i + 2} set: column {@code i} is NULL), then the non-NULL values in the binary form of
 * their column types ({@link BinaryValues#writeResultValue}).
 * <pre>
 *   int start = BinaryRow.writeHeader(out, columns);
 *   ... for each column i: if null BinaryRow.markNull(out, start, i) else BinaryValues.writeResultValue(...)
 * </pre>
 */
public final class BinaryRow {
  public static final int HEADER = 0x00;
  private static final int BITMAP_OFFSET = 2;

  private BinaryRow() {}

  /** Writes the header and an all-clear bitmap; returns where the header starts, for {@link #markNull}. */
  public static int writeHeader(ByteBuf out, int columnCount) {
    int start = out.writerIndex();
    out.writeByte(HEADER);
    out.writeZero(bitmapLength(columnCount));
    return start;
  }

  public static void markNull(ByteBuf out, int headerStart, int column) {
    int bit = column + BITMAP_OFFSET;
    int at = headerStart + 1 + bit / 8;
    out.setByte(at, out.getByte(at) | (1 << (bit % 8)));
  }

  public static int bitmapLength(int columnCount) {
    return (columnCount + 7 + BITMAP_OFFSET) / 8;
  }
}
