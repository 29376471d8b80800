package wiregate.mysql.result;

import java.nio.charset.StandardCharsets;

/**
 * Turns one value in the engine's (PostgreSQL) text output into the bytes MySQL's text protocol
 * carries for the column's MySQL type: booleans as 1/0, bytea as raw bytes, CHAR without trailing
 * spaces (MySQL strips them), TIMESTAMP without its offset (MySQL prints it in the session zone,
 * which is the engine session's TimeZone), BIT as big-endian bytes.
 */
public enum ValueConversion {
  AS_IS {
    @Override
    public byte[] convert(byte[] v) {
      return v;
    }
  },
  BOOLEAN {
    @Override
    public byte[] convert(byte[] v) {
      return v.length > 0 && v[0] == 't' ? ONE : ZERO;
    }
  },
  BYTEA_HEX {
    @Override
    public byte[] convert(byte[] v) {
      return decodeHexBytea(v);
    }
  },
  RTRIM {
    @Override
    public byte[] convert(byte[] v) {
      int end = v.length;
      while (end > 0 && v[end - 1] == ' ') {
        end--;
      }
      return end == v.length ? v : java.util.Arrays.copyOf(v, end);
    }
  },
  STRIP_OFFSET {
    @Override
    public byte[] convert(byte[] v) {
      // "2024-01-31 12:00:00.5+05:30" / "12:00:00-08": the offset starts at the last sign after the time.
      for (int i = v.length - 1; i > 0; i--) {
        byte b = v[i];
        if (b == '+' || b == '-') {
          return i > 7 && v[i - 1] >= '0' && v[i - 1] <= '9' && hasColonBefore(v, i)
              ? java.util.Arrays.copyOf(v, i) : v;
        }
        if (b == ' ') {
          break;
        }
      }
      return v;
    }
  },
  BIT_STRING {
    @Override
    public byte[] convert(byte[] v) {
      int bits = v.length;
      byte[] out = new byte[(bits + 7) / 8];
      for (int i = 0; i < bits; i++) {
        if (v[bits - 1 - i] == '1') {
          out[out.length - 1 - i / 8] |= (byte) (1 << (i % 8));
        }
      }
      return out;
    }
  };

  private static final byte[] ONE = {'1'};
  private static final byte[] ZERO = {'0'};

  public abstract byte[] convert(byte[] engineText);

  private static boolean hasColonBefore(byte[] v, int end) {
    for (int i = 0; i < end; i++) {
      if (v[i] == ':') {
        return true;
      }
    }
    return false;
  }

  /** PostgreSQL's bytea hex output ({@code \x0a1b}) to raw bytes; other text is returned as is. */
  static byte[] decodeHexBytea(byte[] v) {
    if (v.length < 2 || v[0] != '\\' || v[1] != 'x') {
      return v;
    }
    byte[] out = new byte[(v.length - 2) / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((Character.digit(v[2 + 2 * i], 16) << 4) | Character.digit(v[3 + 2 * i], 16));
    }
    return out;
  }

  static String text(byte[] v) {
    return new String(v, StandardCharsets.UTF_8);
  }
}
