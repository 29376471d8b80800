package wiregate.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Writes PostgreSQL frontend messages the way a driver sends them (the benchmarks' client side). */
final class PgFrontendBytes {
  private PgFrontendBytes() {}

  static void parse(ByteBuf out, String statement, String sql, int[] parameterTypes) {
    int start = begin(out, 'P');
    cString(out, statement);
    cString(out, sql);
    out.writeShort(parameterTypes.length);
    for (int type : parameterTypes) {
      out.writeInt(type);
    }
    end(out, start);
  }

  /** Bind with all parameters and results in text format (format counts of 0). */
  static void bind(ByteBuf out, String portal, String statement, String[] values) {
    int start = begin(out, 'B');
    cString(out, portal);
    cString(out, statement);
    out.writeShort(0);
    out.writeShort(values.length);
    for (String value : values) {
      if (value == null) {
        out.writeInt(-1);
      } else {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.writeBytes(bytes);
      }
    }
    out.writeShort(0);
    end(out, start);
  }

  static void describePortal(ByteBuf out, String portal) {
    int start = begin(out, 'D');
    out.writeByte('P');
    cString(out, portal);
    end(out, start);
  }

  static void execute(ByteBuf out, String portal, int maxRows) {
    int start = begin(out, 'E');
    cString(out, portal);
    out.writeInt(maxRows);
    end(out, start);
  }

  static void sync(ByteBuf out) {
    end(out, begin(out, 'S'));
  }

  private static int begin(ByteBuf out, char type) {
    out.writeByte(type);
    int at = out.writerIndex();
    out.writeInt(0);
    return at;
  }

  private static void end(ByteBuf out, int lengthAt) {
    out.setInt(lengthAt, out.writerIndex() - lengthAt);
  }

  private static void cString(ByteBuf out, String value) {
    out.writeCharSequence(value, StandardCharsets.UTF_8);
    out.writeByte(0);
  }
}
