package wiregate.mysql.command;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import wiregate.core.engine.ParameterValue;
import wiregate.mysql.codec.ColumnType;
import wiregate.mysql.codec.ParameterType;

/**
 * The engine (PostgreSQL) type to declare for a parameter whose type the statement leaves open
 * ({@code SELECT ?}), after the MySQL type the client binds to it: MySQL gives such a parameter the
 * bound type, and a result column made of it comes back with that type.
 */
final class BoundParameterTypes {
  static final int INT2 = 21;
  static final int INT4 = 23;
  static final int INT8 = 20;
  static final int FLOAT4 = 700;
  static final int FLOAT8 = 701;
  static final int NUMERIC = 1700;
  static final int TEXT = 25;
  static final int BYTEA = 17;
  static final int DATE = 1082;
  static final int TIME = 1083;
  static final int TIMESTAMP = 1114;
  static final int INTERVAL = 1186;

  private BoundParameterTypes() {}

  /** The engine types for the open parameters ({@code open[i]}); the others keep {@code inferred[i]}. */
  static int[] declare(int[] inferred, boolean[] open, List<ParameterType> bound, List<ParameterValue> values) {
    int[] declared = inferred.clone();
    for (int i = 0; i < declared.length && i < bound.size(); i++) {
      if (open[i]) {
        declared[i] = engineType(bound.get(i), values.get(i));
      }
    }
    return declared;
  }

  /**
   * One parameter's engine type. Two depend on the value, as the engine types are narrower than
   * MySQL's: a BIGINT UNSIGNED beyond bigint's range is numeric, and a TIME beyond a day (or negative)
   * is an interval.
   */
  static int engineType(ParameterType bound, ParameterValue value) {
    return switch (bound.type()) {
      case ColumnType.TINY, ColumnType.YEAR, ColumnType.BOOL -> INT2;
      case ColumnType.SHORT -> bound.unsigned() ? INT4 : INT2;
      case ColumnType.LONG, ColumnType.INT24 -> bound.unsigned() ? INT8 : INT4;
      case ColumnType.LONGLONG -> bound.unsigned() && !fitsBigint(value) ? NUMERIC : INT8;
      case ColumnType.FLOAT -> FLOAT4;
      case ColumnType.DOUBLE -> FLOAT8;
      case ColumnType.DECIMAL, ColumnType.NEWDECIMAL -> NUMERIC;
      case ColumnType.DATE, ColumnType.NEWDATE -> DATE;
      case ColumnType.DATETIME, ColumnType.DATETIME2, ColumnType.TIMESTAMP, ColumnType.TIMESTAMP2 -> TIMESTAMP;
      case ColumnType.TIME, ColumnType.TIME2 -> withinADay(value) ? TIME : INTERVAL;
      case ColumnType.TINY_BLOB, ColumnType.MEDIUM_BLOB, ColumnType.LONG_BLOB, ColumnType.BLOB, ColumnType.BIT,
          ColumnType.GEOMETRY -> BYTEA;
      default -> isEngineText(value) ? TEXT : BYTEA; // strings, ENUM, SET, JSON, NULL (no type to follow)
    };
  }

  /**
   * Whether a string parameter can be engine text. MySQL passes any bytes through a parameter that
   * is not stored (clients send bytes as strings, e.g. mysql-connector-python); PostgreSQL text
   * holds neither NUL nor invalid UTF-8, so such a value goes as bytea (and comes back as bytes).
   */
  private static boolean isEngineText(ParameterValue value) {
    byte[] bytes = value.bytes();
    if (bytes == null || value.binary()) {
      return true;
    }
    for (byte b : bytes) {
      if (b == 0) {
        return false;
      }
    }
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** An unsigned value as the decoder wrote it: decimal digits. */
  private static boolean fitsBigint(ParameterValue value) {
    String digits = text(value);
    return digits == null || digits.length() < 19
        || (digits.length() == 19 && digits.compareTo(Long.toString(Long.MAX_VALUE)) <= 0);
  }

  /** A TIME as the decoder wrote it: {@code [-]HH:MM:SS[.ffffff]}, the days folded into the hours. */
  private static boolean withinADay(ParameterValue value) {
    String time = text(value);
    if (time == null) {
      return true;
    }
    int colon = time.indexOf(':');
    return !time.startsWith("-") && colon > 0 && Integer.parseInt(time, 0, colon, 10) < 24;
  }

  private static String text(ParameterValue value) {
    return value.bytes() == null || value.binary() ? null : new String(value.bytes(), StandardCharsets.US_ASCII);
  }
}
