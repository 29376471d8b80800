package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;

/**
 * The protocol's basic data types: length-encoded integers and strings, NUL-terminated strings.
 * Readers throw {@link MalformedPacketException} when a value runs past the payload's end.
 */
public final class WireTypes {
  private WireTypes() {}

  /** The first byte of a length-encoded NULL in a text row. */
  public static final int NULL_MARKER = 0xfb;

  public static void writeLengthEncodedInt(ByteBuf out, long value) {
    if (value >= 0 && value < 251) {
      out.writeByte((int) value);
    } else if (value >= 0 && value < (1 << 16)) {
      out.writeByte(0xfc).writeShortLE((int) value);
    } else if (value >= 0 && value < (1 << 24)) {
      out.writeByte(0xfd).writeMediumLE((int) value);
    } else {
      out.writeByte(0xfe).writeLongLE(value); // negative: an unsigned 64-bit value
    }
  }

  /** How many bytes {@link #writeLengthEncodedInt} uses for {@code value}. */
  public static int lengthEncodedIntSize(long value) {
    if (value >= 0 && value < 251) {
      return 1;
    } else if (value >= 0 && value < (1 << 16)) {
      return 3;
    } else if (value >= 0 && value < (1 << 24)) {
      return 4;
    }
    return 9;
  }

  /**
   * Reads a length-encoded integer (as an unsigned 64-bit value in a long). 0xfb (NULL in rows) and
   * 0xff (ERR) are not integers here.
   */
  public static long readLengthEncodedInt(ByteBuf in) throws MalformedPacketException {
    require(in, 1, "length-encoded integer");
    int first = in.readUnsignedByte();
    return switch (first) {
      case 0xfc -> {
        require(in, 2, "length-encoded integer");
        yield in.readUnsignedShortLE();
      }
      case 0xfd -> {
        require(in, 3, "length-encoded integer");
        yield in.readUnsignedMediumLE();
      }
      case 0xfe -> {
        require(in, 8, "length-encoded integer");
        yield in.readLongLE();
      }
      case 0xfb, 0xff -> throw new MalformedPacketException("invalid length-encoded integer prefix 0x"
          + Integer.toHexString(first));
      default -> first;
    };
  }

  public static void writeLengthEncodedBytes(ByteBuf out, byte[] value) {
    writeLengthEncodedInt(out, value.length);
    out.writeBytes(value);
  }

  public static void writeLengthEncodedString(ByteBuf out, String value, Charset charset) {
    writeLengthEncodedBytes(out, value.getBytes(charset));
  }

  public static byte[] readLengthEncodedBytes(ByteBuf in) throws MalformedPacketException {
    long length = readLengthEncodedInt(in);
    if (length < 0 || length > in.readableBytes()) {
      throw new MalformedPacketException("length-encoded string of " + Long.toUnsignedString(length)
          + " bytes runs past the end of the packet");
    }
    byte[] bytes = new byte[(int) length];
    in.readBytes(bytes);
    return bytes;
  }

  public static String readLengthEncodedString(ByteBuf in, Charset charset) throws MalformedPacketException {
    return new String(readLengthEncodedBytes(in), charset);
  }

  public static void writeNulTerminatedString(ByteBuf out, String value, Charset charset) {
    out.writeBytes(value.getBytes(charset)).writeByte(0);
  }

  public static byte[] readNulTerminatedBytes(ByteBuf in, String what) throws MalformedPacketException {
    int nul = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) 0);
    if (nul < 0) {
      throw new MalformedPacketException(what + " is not NUL-terminated");
    }
    byte[] bytes = new byte[nul - in.readerIndex()];
    in.readBytes(bytes);
    in.skipBytes(1);
    return bytes;
  }

  public static String readNulTerminatedString(ByteBuf in, Charset charset, String what)
      throws MalformedPacketException {
    return new String(readNulTerminatedBytes(in, what), charset);
  }

  /** The rest of the payload (string&lt;EOF&gt;). */
  public static byte[] readRestOfPacket(ByteBuf in) {
    byte[] bytes = new byte[in.readableBytes()];
    in.readBytes(bytes);
    return bytes;
  }

  public static void require(ByteBuf in, int bytes, String what) throws MalformedPacketException {
    if (in.readableBytes() < bytes) {
      throw new MalformedPacketException(what + " needs " + bytes + " bytes, the packet has "
          + in.readableBytes() + " left");
    }
  }
}
