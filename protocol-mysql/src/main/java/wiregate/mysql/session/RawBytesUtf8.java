package wiregate.mysql.session;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 for statement text that keeps bytes which are not UTF-8. MySQL reads a statement as bytes,
 * so a string literal may carry any bytes into a binary column (mysql-connector-python sends
 * {@code bytes} parameters that way: quoted, backslash-escaped, otherwise raw). A standard decoder
 * would replace them with U+FFFD; this one maps each such byte b to the lone surrogate U+DC00+b
 * (as Python's surrogateescape does), and the dialect turns a literal holding one into bytes again.
 *
 * <p>For decoding whole texts at once ({@code new String(bytes, charset)}): an incomplete sequence
 * at the end of the input counts as raw bytes. Encoding is plain UTF-8.
 */
final class RawBytesUtf8 extends Charset {
  static final RawBytesUtf8 INSTANCE = new RawBytesUtf8();

  private RawBytesUtf8() {
    super("X-WIREGATE-UTF-8-RAW-BYTES", new String[0]);
  }

  @Override
  public boolean contains(Charset cs) {
    return cs instanceof RawBytesUtf8 || StandardCharsets.UTF_8.contains(cs);
  }

  @Override
  public CharsetDecoder newDecoder() {
    return new Decoder(this);
  }

  @Override
  public CharsetEncoder newEncoder() {
    return StandardCharsets.UTF_8.newEncoder();
  }

  private static final class Decoder extends CharsetDecoder {
    Decoder(Charset cs) {
      super(cs, 1, 1);
    }

    @Override
    protected CoderResult decodeLoop(ByteBuffer in, CharBuffer out) {
      while (in.hasRemaining()) {
        int start = in.position();
        int b = in.get(start) & 0xff;
        int length = sequenceLength(in, start, b);
        int codePoint = length > 0 ? codePoint(in, start, length) : -1;
        int chars = codePoint < 0 ? 1 : Character.charCount(codePoint);
        if (out.remaining() < chars) {
          return CoderResult.OVERFLOW;
        }
        if (codePoint < 0) {
          out.put((char) (0xDC00 | b));
          in.position(start + 1);
        } else {
          out.put(Character.toChars(codePoint));
          in.position(start + length);
        }
      }
      return CoderResult.UNDERFLOW;
    }

    /** The length of a well-formed sequence starting at {@code start}, or 0. */
    private static int sequenceLength(ByteBuffer in, int start, int b) {
      int length = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
      if (length == 0 || start + length > in.limit()) {
        return 0;
      }
      for (int i = 1; i < length; i++) {
        if ((in.get(start + i) & 0xC0) != 0x80) {
          return 0;
        }
      }
      return length;
    }

    /** The code point, or -1 for overlong forms, surrogates and values past U+10FFFF. */
    private static int codePoint(ByteBuffer in, int start, int length) {
      int b0 = in.get(start) & 0xff;
      if (length == 1) {
        return b0;
      }
      int cp = b0 & (0x7F >> length);
      for (int i = 1; i < length; i++) {
        cp = cp << 6 | in.get(start + i) & 0x3F;
      }
      int min = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
      boolean surrogate = cp >= 0xD800 && cp <= 0xDFFF;
      return cp < min || surrogate || cp > 0x10FFFF ? -1 : cp;
    }
  }
}
