package wiregate.mysql.codec;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import wiregate.core.engine.ParameterValue;
import wiregate.core.model.GatewayError;
import wiregate.core.model.GatewayException;

/**
 * Values in the binary protocol of prepared statements, both ways:
 * <ul>
 *   <li>a COM_STMT_EXECUTE parameter of a MySQL type becomes what the engine binds: canonical text
 *       PostgreSQL's input functions accept ({@code 2024-01-31 12:34:56.123456}, {@code -26:03:04},
 *       {@code 18446744073709551615}), or the raw bytes of a blob (as a binary bytea value);</li>
 *   <li>a result value in PostgreSQL's text output ({@code 2024-01-31 12:34:56.5+00}, {@code t},
 *       {@code NaN}) becomes the binary form of the MySQL column type the client was told.</li>
 * </ul>
 * Zero dates ({@code 0000-00-00}) are passed on as that text (PostgreSQL rejects them, as MySQL's
 * strict NO_ZERO_DATE mode does); PostgreSQL's {@code infinity} becomes 9999-12-31 23:59:59.999999
 * and {@code -infinity} the zero date, the nearest MySQL values.
 */
public final class BinaryValues {
  private BinaryValues() {}

  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;
  private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

  // ---------------------------------------------------------------- parameters: client -> engine

  /** Reads one non-NULL parameter value of {@code type} from a COM_STMT_EXECUTE payload. */
  public static ParameterValue readParameter(ByteBuf in, ParameterType type, Charset charset)
      throws MalformedPacketException {
    boolean unsigned = type.unsigned();
    return switch (type.type()) {
      case ColumnType.NULL -> ParameterValue.NULL;
      case ColumnType.TINY -> {
        WireTypes.require(in, 1, "TINY parameter");
        yield text(Integer.toString(unsigned ? in.readUnsignedByte() : in.readByte()));
      }
      case ColumnType.SHORT, ColumnType.YEAR -> {
        WireTypes.require(in, 2, "SHORT parameter");
        yield text(Integer.toString(unsigned ? in.readUnsignedShortLE() : in.readShortLE()));
      }
      case ColumnType.LONG, ColumnType.INT24 -> {
        WireTypes.require(in, 4, "LONG parameter");
        yield text(Long.toString(unsigned ? in.readUnsignedIntLE() : in.readIntLE()));
      }
      case ColumnType.LONGLONG -> {
        WireTypes.require(in, 8, "LONGLONG parameter");
        long value = in.readLongLE();
        yield text(unsigned ? Long.toUnsignedString(value) : Long.toString(value));
      }
      case ColumnType.FLOAT -> {
        WireTypes.require(in, 4, "FLOAT parameter");
        yield text(Float.toString(in.readFloatLE()));
      }
      case ColumnType.DOUBLE -> {
        WireTypes.require(in, 8, "DOUBLE parameter");
        yield text(Double.toString(in.readDoubleLE()));
      }
      case ColumnType.DATE, ColumnType.NEWDATE, ColumnType.DATETIME, ColumnType.TIMESTAMP, ColumnType.DATETIME2,
          ColumnType.TIMESTAMP2 -> text(readDateTime(in, type.type() == ColumnType.DATE
              || type.type() == ColumnType.NEWDATE));
      case ColumnType.TIME, ColumnType.TIME2 -> text(readTime(in));
      case ColumnType.TINY_BLOB, ColumnType.MEDIUM_BLOB, ColumnType.LONG_BLOB, ColumnType.BLOB, ColumnType.BIT,
          ColumnType.GEOMETRY -> new ParameterValue(WireTypes.readLengthEncodedBytes(in), true);
      // DECIMAL, NEWDECIMAL, VARCHAR, VAR_STRING, STRING, ENUM, SET, JSON: text in the client's charset
      default -> clientText(WireTypes.readLengthEncodedBytes(in), charset);
    };
  }

  /**
   * A string parameter: UTF-8 bytes go on unchanged (decoding would corrupt bytes meant for a bytea
   * column, which the command phase then sends as bytes); other charsets are transcoded.
   */
  private static ParameterValue clientText(byte[] raw, Charset charset) {
    return charset.equals(StandardCharsets.UTF_8) ? new ParameterValue(raw, false) : text(new String(raw, charset));
  }

  /** A parameter whose value came in COM_STMT_SEND_LONG_DATA chunks: bytes for blobs, else text. */
  public static ParameterValue fromLongData(ParameterType type, byte[] data, Charset charset) {
    return switch (type.type()) {
      case ColumnType.TINY_BLOB, ColumnType.MEDIUM_BLOB, ColumnType.LONG_BLOB, ColumnType.BLOB, ColumnType.BIT,
          ColumnType.GEOMETRY -> new ParameterValue(data, true);
      default -> clientText(data, charset);
    };
  }

  private static ParameterValue text(String value) {
    return new ParameterValue(value.getBytes(StandardCharsets.UTF_8), false);
  }

  /** DATE/DATETIME/TIMESTAMP: a length byte, then nothing (zero date), Y-M-D, + h:m:s, + microseconds. */
  private static String readDateTime(ByteBuf in, boolean dateOnly) throws MalformedPacketException {
    WireTypes.require(in, 1, "date length");
    int length = in.readUnsignedByte();
    if (length != 0 && length != 4 && length != 7 && length != 11) {
      throw new MalformedPacketException("a date or datetime value has 0, 4, 7 or 11 bytes, not " + length);
    }
    WireTypes.require(in, length, "date value");
    int year = 0;
    int month = 0;
    int day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    long micros = 0;
    if (length >= 4) {
      year = in.readUnsignedShortLE();
      month = in.readUnsignedByte();
      day = in.readUnsignedByte();
    }
    if (length >= 7) {
      hour = in.readUnsignedByte();
      minute = in.readUnsignedByte();
      second = in.readUnsignedByte();
    }
    if (length == 11) {
      micros = in.readUnsignedIntLE();
    }
    StringBuilder s = new StringBuilder(26);
    pad(s, year, 4).append('-');
    pad(s, month, 2).append('-');
    pad(s, day, 2);
    if (dateOnly && hour == 0 && minute == 0 && second == 0 && micros == 0) {
      return s.toString();
    }
    s.append(' ');
    appendClock(s, hour, minute, second, micros);
    return s.toString();
  }

  /**
   * TIME: a length byte, then nothing (00:00:00), or sign, days, h, m, s (+ microseconds). Written
   * as {@code [-]HHH:MM:SS[.ffffff]} with the days folded into the hours: PostgreSQL reads that as a
   * time when it is within a day, and as an interval otherwise (its "-1 02:03:04" would mean
   * -1 day +2 hours, not MySQL's -26 hours).
   */
  private static String readTime(ByteBuf in) throws MalformedPacketException {
    WireTypes.require(in, 1, "time length");
    int length = in.readUnsignedByte();
    if (length != 0 && length != 8 && length != 12) {
      throw new MalformedPacketException("a time value has 0, 8 or 12 bytes, not " + length);
    }
    WireTypes.require(in, length, "time value");
    if (length == 0) {
      return "00:00:00";
    }
    boolean negative = in.readUnsignedByte() == 1;
    long days = in.readUnsignedIntLE();
    int hour = in.readUnsignedByte();
    int minute = in.readUnsignedByte();
    int second = in.readUnsignedByte();
    long micros = length == 12 ? in.readUnsignedIntLE() : 0;
    StringBuilder s = new StringBuilder(20);
    if (negative) {
      s.append('-');
    }
    long hours = days * 24 + hour;
    if (hours < 10) {
      s.append('0');
    }
    s.append(hours).append(':');
    pad(s, minute, 2).append(':');
    pad(s, second, 2);
    appendFraction(s, micros);
    return s.toString();
  }

  private static void appendClock(StringBuilder s, int hour, int minute, int second, long micros) {
    pad(s, hour, 2).append(':');
    pad(s, minute, 2).append(':');
    pad(s, second, 2);
    appendFraction(s, micros);
  }

  private static void appendFraction(StringBuilder s, long micros) {
    if (micros != 0) {
      s.append('.');
      pad(s, micros, 6);
    }
  }

  /** Appends a non-negative value zero-padded to {@code width} digits (without a String per field). */
  private static StringBuilder pad(StringBuilder s, long value, int width) {
    long limit = 10;
    for (int w = 1; w < width; w++, limit *= 10) {
      if (value < limit) {
        s.append('0');
      }
    }
    return s.append(value);
  }

  // ---------------------------------------------------------------- results: engine -> client

  /**
   * Writes one non-NULL result value, given in PostgreSQL's text output, in the binary form of the
   * MySQL column type {@code type}: fixed-width little-endian numbers, length-prefixed dates and
   * times, and length-encoded strings (in {@code charset}) for everything else. Integers wider than
   * the column are truncated to its width: the engine's types keep values in range.
   *
   * @throws GatewayException (22003, 22008, 22P02) if the text is not a value of that type
   */
  public static void writeResultValue(ByteBuf out, int type, String pgText, Charset charset)
      throws GatewayException {
    switch (type) {
      case ColumnType.TINY -> out.writeByte((int) integer(pgText));
      case ColumnType.SHORT, ColumnType.YEAR -> out.writeShortLE((int) integer(pgText));
      case ColumnType.LONG, ColumnType.INT24 -> out.writeIntLE((int) integer(pgText));
      case ColumnType.LONGLONG -> out.writeLongLE(integer(pgText));
      case ColumnType.FLOAT -> out.writeFloatLE((float) floating(pgText));
      case ColumnType.DOUBLE -> out.writeDoubleLE(floating(pgText));
      case ColumnType.DATE, ColumnType.NEWDATE -> writeDateTime(out, pgText, true);
      case ColumnType.DATETIME, ColumnType.TIMESTAMP, ColumnType.DATETIME2, ColumnType.TIMESTAMP2 ->
          writeDateTime(out, pgText, false);
      case ColumnType.TIME, ColumnType.TIME2 -> writeTime(out, pgText);
      case ColumnType.BIT -> WireTypes.writeLengthEncodedBytes(out, bits(pgText));
      case ColumnType.DECIMAL, ColumnType.NEWDECIMAL ->
          WireTypes.writeLengthEncodedString(out, pgText, StandardCharsets.US_ASCII);
      default -> WireTypes.writeLengthEncodedString(out, pgText, charset);
    }
  }

  /**
   * {@link #writeResultValue(ByteBuf, int, String, Charset)} for the engine's text as UTF-8 bytes (as
   * result rows carry it). Integers and decimals, the bulk of numeric columns, are written straight
   * from the bytes: decoding each to a String first was most of a binary row's garbage.
   */
  public static void writeResultValue(ByteBuf out, int type, byte[] pgText, Charset charset)
      throws GatewayException {
    switch (type) {
      case ColumnType.TINY -> out.writeByte((int) integer(pgText));
      case ColumnType.SHORT, ColumnType.YEAR -> out.writeShortLE((int) integer(pgText));
      case ColumnType.LONG, ColumnType.INT24 -> out.writeIntLE((int) integer(pgText));
      case ColumnType.LONGLONG -> out.writeLongLE(integer(pgText));
      case ColumnType.DECIMAL, ColumnType.NEWDECIMAL -> {
        if (isAscii(pgText)) {
          WireTypes.writeLengthEncodedBytes(out, pgText); // what the US-ASCII encoding of its text gives
        } else {
          writeResultValue(out, type, new String(pgText, StandardCharsets.UTF_8), charset);
        }
      }
      default -> writeResultValue(out, type, new String(pgText, StandardCharsets.UTF_8), charset);
    }
  }

  /** {@link #integer(String)} of UTF-8 text, parsed in place when it is a plain integer that fits. */
  static long integer(byte[] text) throws GatewayException {
    int start = text.length > 0 && text[0] == '-' ? 1 : 0;
    int digits = text.length - start;
    if (digits < 1 || digits > 18) { // 18 digits cannot overflow a long
      return integer(new String(text, StandardCharsets.UTF_8));
    }
    long value = 0;
    for (int i = start; i < text.length; i++) {
      int d = text[i] - '0';
      if (d < 0 || d > 9) {
        return integer(new String(text, StandardCharsets.UTF_8)); // t/f, a fraction, an exponent...
      }
      value = value * 10 + d;
    }
    return start == 1 ? -value : value;
  }

  private static boolean isAscii(byte[] text) {
    for (byte b : text) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  /** Writes a value the engine gave as bytes (bytea, in binary format) as a length-encoded string. */
  public static void writeResultBytes(ByteBuf out, byte[] value) {
    WireTypes.writeLengthEncodedBytes(out, value);
  }

  /**
   * An integer from PostgreSQL text: a (possibly unsigned 64-bit) integer, a boolean (t/f), or a
   * number with a fraction, rounded half away from zero as MySQL rounds.
   */
  static long integer(String text) throws GatewayException {
    switch (text) {
      case "t", "true" -> {
        return 1;
      }
      case "f", "false" -> {
        return 0;
      }
      default -> { }
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException notALong) {
      BigInteger value;
      try {
        value = new BigDecimal(text.trim()).setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
      } catch (NumberFormatException | ArithmeticException e) {
        throw new GatewayException(GatewayError.error("22P02", "invalid integer value: \"" + text + "\""));
      }
      if (value.signum() < 0 ? value.bitLength() > 63 : value.compareTo(TWO_TO_64) >= 0) {
        throw new GatewayException(GatewayError.error("22003", "integer value out of range: " + text));
      }
      return value.longValue(); // above Long.MAX_VALUE: the unsigned 64-bit pattern
    }
  }

  /** PostgreSQL prints NaN, Infinity and -Infinity as Java parses them. */
  private static double floating(String text) throws GatewayException {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new GatewayException(GatewayError.error("22P02", "invalid floating-point value: \"" + text + "\""));
    }
  }

  /** bit(n) text ("0101") as MySQL's BIT value: big-endian bytes, (n + 7) / 8 of them. */
  private static byte[] bits(String text) throws GatewayException {
    byte[] out = new byte[(text.length() + 7) / 8];
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(text.length() - 1 - i);
      if (c == '1') {
        out[out.length - 1 - i / 8] |= (byte) (1 << (i % 8));
      } else if (c != '0') {
        throw new GatewayException(GatewayError.error("22P02", "invalid bit string: \"" + text + "\""));
      }
    }
    return out;
  }

  /**
   * A date or timestamp (with or without time zone) in PostgreSQL's ISO output; an offset is dropped
   * (the engine already printed the value in the session's time zone). The shortest form is used:
   * 0 bytes for the zero date, 4 for a date, 7 with a time, 11 with microseconds.
   */
  private static void writeDateTime(ByteBuf out, String text, boolean dateOnly) throws GatewayException {
    if (text.equals("infinity")) {
      writeDateTimeFields(out, 9999, 12, 31, 23, 59, 59, 999_999, dateOnly);
      return;
    }
    if (text.equals("-infinity")) {
      out.writeByte(0);
      return;
    }
    Cursor c = new Cursor(text, "date");
    int year = c.digits(4, 9);
    c.expect('-');
    int month = c.digits(2, 2);
    c.expect('-');
    int day = c.digits(2, 2);
    int hour = 0;
    int minute = 0;
    int second = 0;
    long micros = 0;
    if (c.peek() == ' ' || c.peek() == 'T') {
      c.skip();
      hour = c.digits(2, 2);
      c.expect(':');
      minute = c.digits(2, 2);
      c.expect(':');
      second = c.digits(2, 2);
      micros = c.fraction();
      c.skipOffset();
    }
    if (c.rest().equals(" BC") || year > 9999) {
      throw new GatewayException(GatewayError.error("22008", "date out of MySQL's range (0000-9999): " + text));
    }
    c.end();
    writeDateTimeFields(out, year, month, day, hour, minute, second, micros, dateOnly);
  }

  private static void writeDateTimeFields(ByteBuf out, int year, int month, int day, int hour, int minute,
      int second, long micros, boolean dateOnly) {
    boolean noTime = dateOnly || (hour == 0 && minute == 0 && second == 0 && micros == 0);
    if (noTime && year == 0 && month == 0 && day == 0) {
      out.writeByte(0);
      return;
    }
    out.writeByte(noTime ? 4 : micros == 0 ? 7 : 11);
    out.writeShortLE(year).writeByte(month).writeByte(day);
    if (!noTime) {
      out.writeByte(hour).writeByte(minute).writeByte(second);
      if (micros != 0) {
        out.writeIntLE((int) micros);
      }
    }
  }

  /**
   * A time, time with time zone (offset dropped) or interval in PostgreSQL's output
   * ({@code 12:00:00.5}, {@code 26:03:04}, {@code -1 days -02:03:04}) as MySQL's TIME: sign, days,
   * h, m, s and microseconds; 0 bytes for 00:00:00, 8 without microseconds, 12 with them.
   */
  private static void writeTime(ByteBuf out, String text) throws GatewayException {
    long total = 0;
    String[] parts = text.trim().split(" +");
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.indexOf(':') >= 0) {
        total += clockMicros(part, text);
      } else if (i + 1 < parts.length && parts[i + 1].startsWith("day")) {
        try {
          total += Long.parseLong(part) * MICROS_PER_DAY;
        } catch (NumberFormatException e) {
          throw badTime(text);
        }
        i++;
      } else {
        throw badTime(text); // months and years have no fixed length: no TIME value
      }
    }
    if (total == 0) {
      out.writeByte(0);
      return;
    }
    boolean negative = total < 0;
    long abs = Math.abs(total);
    long micros = abs % MICROS_PER_SECOND;
    long seconds = abs / MICROS_PER_SECOND;
    out.writeByte(micros == 0 ? 8 : 12);
    out.writeByte(negative ? 1 : 0);
    out.writeIntLE((int) (seconds / 86_400));
    out.writeByte((int) (seconds % 86_400 / 3600));
    out.writeByte((int) (seconds % 3600 / 60));
    out.writeByte((int) (seconds % 60));
    if (micros != 0) {
      out.writeIntLE((int) micros);
    }
  }

  /** {@code [+-]H+:MM:SS[.f][offset]} as signed microseconds. */
  private static long clockMicros(String part, String text) throws GatewayException {
    Cursor c = new Cursor(part, "time");
    int sign = 1;
    if (c.peek() == '-' || c.peek() == '+') {
      sign = c.peek() == '-' ? -1 : 1;
      c.skip();
    }
    long hours = c.digits(1, 9);
    c.expect(':');
    int minutes = c.digits(2, 2);
    c.expect(':');
    int seconds = c.digits(2, 2);
    long micros = c.fraction();
    c.skipOffset();
    c.end();
    if (minutes > 59 || seconds > 59) {
      throw badTime(text);
    }
    return sign * (((hours * 60 + minutes) * 60 + seconds) * MICROS_PER_SECOND + micros);
  }

  private static GatewayException badTime(String text) {
    return new GatewayException(GatewayError.error("22008", "not a MySQL TIME value: \"" + text + "\""));
  }

  /** A small scanner over PostgreSQL's date/time output. */
  private static final class Cursor {
    private final String text;
    private final String what;
    private int at;

    Cursor(String text, String what) {
      this.text = text;
      this.what = what;
    }

    char peek() {
      return at < text.length() ? text.charAt(at) : '\0';
    }

    void skip() {
      at++;
    }

    void expect(char c) throws GatewayException {
      if (peek() != c) {
        throw invalid();
      }
      at++;
    }

    int digits(int min, int max) throws GatewayException {
      int start = at;
      while (at < text.length() && at - start < max && Character.isDigit(text.charAt(at))) {
        at++;
      }
      if (at - start < min) {
        throw invalid();
      }
      return Integer.parseInt(text, start, at, 10);
    }

    /** {@code .f} up to microseconds; finer digits are dropped. */
    long fraction() {
      if (peek() != '.') {
        return 0;
      }
      at++;
      long micros = 0;
      int digits = 0;
      while (at < text.length() && Character.isDigit(text.charAt(at))) {
        if (digits < 6) {
          micros = micros * 10 + (text.charAt(at) - '0');
          digits++;
        }
        at++;
      }
      for (; digits < 6; digits++) {
        micros *= 10;
      }
      return micros;
    }

    /** A time zone offset ({@code +05}, {@code -03:30}, {@code +05:30:15}), which is ignored. */
    void skipOffset() {
      if ((peek() == '+' || peek() == '-') && at + 1 < text.length() && Character.isDigit(text.charAt(at + 1))) {
        at++;
        while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == ':')) {
          at++;
        }
      }
    }

    String rest() {
      return text.substring(at);
    }

    void end() throws GatewayException {
      if (at != text.length()) {
        throw invalid();
      }
    }

    private GatewayException invalid() {
      return new GatewayException(GatewayError.error("22008", "invalid " + what + " value: \"" + text + "\""));
    }
  }
}
