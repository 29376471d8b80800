package wiregate.mysql.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import wiregate.core.engine.ParameterValue;
import wiregate.mysql.codec.ColumnType;
import wiregate.mysql.codec.ParameterType;

class BoundParameterTypesTest {
  private static ParameterValue text(String s) {
    return new ParameterValue(s.getBytes(StandardCharsets.UTF_8), false);
  }

  private static int type(int mysqlType, boolean unsigned, ParameterValue value) {
    return BoundParameterTypes.engineType(new ParameterType(mysqlType, unsigned), value);
  }

  @Test
  void integersGetAnEngineTypeWideEnoughForTheirMySqlRange() {
    assertEquals(BoundParameterTypes.INT2, type(ColumnType.TINY, true, text("255")));
    assertEquals(BoundParameterTypes.INT2, type(ColumnType.SHORT, false, text("-2")));
    assertEquals(BoundParameterTypes.INT4, type(ColumnType.SHORT, true, text("65535")));
    assertEquals(BoundParameterTypes.INT8, type(ColumnType.LONG, true, text("4294967295")));
    assertEquals(BoundParameterTypes.INT8, type(ColumnType.LONGLONG, false, text("-9223372036854775808")));
    assertEquals(BoundParameterTypes.INT8, type(ColumnType.LONGLONG, true, text("9223372036854775807")));
    assertEquals(BoundParameterTypes.NUMERIC, type(ColumnType.LONGLONG, true, text("9223372036854775808")));
    assertEquals(BoundParameterTypes.NUMERIC, type(ColumnType.LONGLONG, true, text("18446744073709551615")));
  }

  @Test
  void otherTypes() {
    assertEquals(BoundParameterTypes.FLOAT8, type(ColumnType.DOUBLE, false, text("1.25")));
    assertEquals(BoundParameterTypes.FLOAT4, type(ColumnType.FLOAT, false, text("1.25")));
    assertEquals(BoundParameterTypes.NUMERIC, type(ColumnType.NEWDECIMAL, false, text("-12.345")));
    assertEquals(BoundParameterTypes.DATE, type(ColumnType.DATE, false, text("2024-02-29")));
    assertEquals(BoundParameterTypes.TIMESTAMP, type(ColumnType.DATETIME, false, text("2024-01-02 03:04:05.6")));
    assertEquals(BoundParameterTypes.TEXT, type(ColumnType.NULL, false, ParameterValue.NULL));
    assertEquals(BoundParameterTypes.BYTEA, type(ColumnType.BLOB, false, new ParameterValue(new byte[] {0}, true)));
  }

  @Test
  void aTimeBeyondADayOrNegativeIsAnInterval() {
    assertEquals(BoundParameterTypes.TIME, type(ColumnType.TIME, false, text("05:00:07")));
    assertEquals(BoundParameterTypes.TIME, type(ColumnType.TIME, false, text("23:59:59.5")));
    assertEquals(BoundParameterTypes.INTERVAL, type(ColumnType.TIME, false, text("24:00:00")));
    assertEquals(BoundParameterTypes.INTERVAL, type(ColumnType.TIME, false, text("-01:00:00")));
  }

  @Test
  void stringsThatAreNotValidEngineTextAreBytes() {
    assertEquals(BoundParameterTypes.TEXT, type(ColumnType.STRING, false, text("ünï😀")));
    assertEquals(BoundParameterTypes.BYTEA, type(ColumnType.STRING, false, new ParameterValue(new byte[] {0, (byte) 0xff}, false)));
    assertEquals(BoundParameterTypes.BYTEA, type(ColumnType.VAR_STRING, false, new ParameterValue(new byte[] {(byte) 0xc3}, false)));
    assertEquals(BoundParameterTypes.BYTEA, type(ColumnType.STRING, false, text("a\0b")));
  }

  @Test
  void onlyOpenParametersAreDeclaredAfterTheBoundType() {
    int[] declared = BoundParameterTypes.declare(new int[] {23, 25, 25}, new boolean[] {false, true, false},
        List.of(new ParameterType(ColumnType.LONGLONG, false), new ParameterType(ColumnType.LONGLONG, false),
            new ParameterType(ColumnType.LONGLONG, false)),
        List.of(text("1"), text("2"), text("3")));
    assertArrayEquals(new int[] {23, BoundParameterTypes.INT8, 25}, declared);
  }

  @Test
  void theParameterAnUndeterminedTypeErrorNamesIsDeclaredText() {
    int[] declared = new int[3];
    boolean[] open = new boolean[3];
    assertTrue(StmtPrepareCommand.declareOpen("could not determine data type of parameter $2", declared, open));
    assertArrayEquals(new int[] {0, 25, 0}, declared);
    assertArrayEquals(new boolean[] {false, true, false}, open);
    // a message that names no parameter left to declare: all undeclared ones, then nothing more
    assertTrue(StmtPrepareCommand.declareOpen("could not determine data type", declared, open));
    assertArrayEquals(new int[] {25, 25, 25}, declared);
    assertFalse(StmtPrepareCommand.declareOpen("could not determine data type of parameter $1", declared, open));
  }
}
