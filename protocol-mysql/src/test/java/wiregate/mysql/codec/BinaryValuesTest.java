package wiregate.mysql.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wiregate.mysql.codec.Bytes.buf;
import static wiregate.mysql.codec.Bytes.hex;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import wiregate.core.engine.ParameterValue;
import wiregate.core.model.GatewayException;

class BinaryValuesTest {
  private static String param(int type, boolean unsigned, String hex) throws Exception {
    ByteBuf in = buf(hex);
    ParameterValue value = BinaryValues.readParameter(in, new ParameterType(type, unsigned), StandardCharsets.UTF_8);
    assertFalse(in.isReadable(), "the whole value is consumed");
    assertFalse(value.binary());
    return value.bytes() == null ? null : new String(value.bytes(), StandardCharsets.UTF_8);
  }

  /** The value's binary form, which the String and the byte[] (engine row) overloads must agree on. */
  private static String result(int type, String pgText) {
    String fromText = hex(out -> {
      try {
        BinaryValues.writeResultValue(out, type, pgText, StandardCharsets.UTF_8);
      } catch (GatewayException e) {
        throw new AssertionError(e);
      }
    });
    String fromBytes = hex(out -> {
      try {
        BinaryValues.writeResultValue(out, type, pgText.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
      } catch (GatewayException e) {
        throw new AssertionError(e);
      }
    });
    assertEquals(fromText, fromBytes, "String and byte[] forms of " + pgText);
    return fromText;
  }

  @Test
  void integerParameters() throws Exception {
    assertEquals("-1", param(ColumnType.TINY, false, "ff"));
    assertEquals("255", param(ColumnType.TINY, true, "ff"));
    assertEquals("-2", param(ColumnType.SHORT, false, "feff"));
    assertEquals("65534", param(ColumnType.SHORT, true, "feff"));
    assertEquals("2024", param(ColumnType.YEAR, false, "e807"));
    assertEquals("-1", param(ColumnType.LONG, false, "ffffffff"));
    assertEquals("4294967295", param(ColumnType.LONG, true, "ffffffff"));
    assertEquals("-8388608", param(ColumnType.INT24, false, "000080ff"));
    assertEquals("-1", param(ColumnType.LONGLONG, false, "ffffffffffffffff"));
    assertEquals("18446744073709551615", param(ColumnType.LONGLONG, true, "ffffffffffffffff"));
    assertEquals("9223372036854775807", param(ColumnType.LONGLONG, false, "ffffffffffffff7f"));
  }

  @Test
  void floatingAndDecimalParameters() throws Exception {
    assertEquals("1.5", param(ColumnType.FLOAT, false, "0000c03f"));
    assertEquals("0.1", param(ColumnType.DOUBLE, false, "9a9999999999b93f"));
    assertEquals("NaN", param(ColumnType.DOUBLE, false, "000000000000f87f"));
    assertEquals("-Infinity", param(ColumnType.DOUBLE, false, "000000000000f0ff"));
    assertEquals("12.50", param(ColumnType.NEWDECIMAL, false, "05" + Bytes.ascii("12.50")));
    assertEquals("-0.001", param(ColumnType.DECIMAL, false, "06" + Bytes.ascii("-0.001")));
  }

  @Test
  void dateAndDatetimeParametersInEveryLength() throws Exception {
    assertEquals("0000-00-00", param(ColumnType.DATE, false, "00"));
    assertEquals("2024-01-31", param(ColumnType.DATE, false, "04" + "e807" + "01" + "1f"));
    assertEquals("0000-00-00 00:00:00", param(ColumnType.DATETIME, false, "00"));
    assertEquals("2024-01-31 00:00:00", param(ColumnType.DATETIME, false, "04" + "e807011f"));
    assertEquals("2024-01-31 12:34:56", param(ColumnType.DATETIME, false, "07" + "e807011f" + "0c2238"));
    assertEquals("2024-01-31 12:34:56.123456",
        param(ColumnType.TIMESTAMP, false, "0b" + "e807011f" + "0c2238" + "40e20100"));
    assertEquals("0999-12-01 01:02:03.000001", param(ColumnType.DATETIME, false, "0b" + "e7030c01" + "010203" + "01000000"));
    assertThrows(MalformedPacketException.class, () -> param(ColumnType.DATETIME, false, "05" + "e807011f00"));
    assertThrows(MalformedPacketException.class, () -> param(ColumnType.DATETIME, false, "07" + "e807011f"));
  }

  @Test
  void timeParametersFoldDaysIntoHours() throws Exception {
    assertEquals("00:00:00", param(ColumnType.TIME, false, "00"));
    assertEquals("12:34:56", param(ColumnType.TIME, false, "08" + "00" + "00000000" + "0c2238"));
    assertEquals("-26:03:04", param(ColumnType.TIME, false, "08" + "01" + "01000000" + "020304"));
    assertEquals("838:59:59.500000", param(ColumnType.TIME, false, "0c" + "00" + "22000000" + "163b3b" + "20a10700"));
    assertEquals("-00:00:00.000001", param(ColumnType.TIME, false, "0c" + "01" + "00000000" + "000000" + "01000000"));
    assertThrows(MalformedPacketException.class, () -> param(ColumnType.TIME, false, "07" + "00000000000000"));
  }

  @Test
  void stringsBlobsAndNull() throws Exception {
    assertEquals("héllo", param(ColumnType.VAR_STRING, false, "06" + Bytes.ascii("héllo")));
    assertEquals("{\"a\":1}", param(ColumnType.JSON, false, "07" + Bytes.ascii("{\"a\":1}")));
    assertEquals("", param(ColumnType.STRING, false, "00"));
    assertNull(param(ColumnType.NULL, false, ""));

    ParameterValue blob = BinaryValues.readParameter(buf("03" + "00ff10"), new ParameterType(ColumnType.BLOB, false),
        StandardCharsets.UTF_8);
    assertTrue(blob.binary());
    assertArrayEquals(new byte[] {0, -1, 16}, blob.bytes());
    // latin1 client text becomes UTF-8 for the engine
    ParameterValue latin = BinaryValues.readParameter(buf("01e9"), new ParameterType(ColumnType.STRING, false),
        Collations.charsetOf(8));
    assertEquals("é", new String(latin.bytes(), StandardCharsets.UTF_8));

    assertTrue(BinaryValues.fromLongData(new ParameterType(ColumnType.LONG_BLOB, false), new byte[] {1},
        StandardCharsets.UTF_8).binary());
    assertEquals("abc", new String(BinaryValues.fromLongData(new ParameterType(ColumnType.VAR_STRING, false),
        "abc".getBytes(), StandardCharsets.UTF_8).bytes(), StandardCharsets.UTF_8));
  }

  @Test
  void integerResults() {
    assertEquals("2a", result(ColumnType.TINY, "42"));
    assertEquals("ff", result(ColumnType.TINY, "255")); // TINYINT UNSIGNED
    assertEquals("01", result(ColumnType.TINY, "t"));
    assertEquals("00", result(ColumnType.TINY, "f"));
    assertEquals("feff", result(ColumnType.SHORT, "-2"));
    assertEquals("e807", result(ColumnType.YEAR, "2024"));
    assertEquals("ffffffff", result(ColumnType.LONG, "-1"));
    assertEquals("ffffff00", result(ColumnType.INT24, "16777215"));
    assertEquals("ffffffffffffffff", result(ColumnType.LONGLONG, "18446744073709551615"));
    assertEquals("0000000000000080", result(ColumnType.LONGLONG, "-9223372036854775808"));
    assertEquals("0300000000000000", result(ColumnType.LONGLONG, "2.5")); // rounds half away from zero
    assertEquals("fdffffffffffffff", result(ColumnType.LONGLONG, "-2.5"));
    assertThrows(GatewayException.class,
        () -> BinaryValues.writeResultValue(ByteBuf(), ColumnType.LONGLONG, "18446744073709551616", null));
    assertThrows(GatewayException.class, () -> BinaryValues.writeResultValue(ByteBuf(), ColumnType.LONG, "abc", null));
    assertThrows(GatewayException.class, () -> BinaryValues.writeResultValue(ByteBuf(), ColumnType.LONG, "NaN", null));
  }

  @Test
  void integerResultsFromBytesFallBackToTheTextRulesWhereTheyAreNotPlainDigits() {
    assertEquals("0000000000000000", result(ColumnType.LONGLONG, "-0"));
    assertEquals("0700000000000000", result(ColumnType.LONGLONG, "007"));
    assertEquals("ffffffffffffff7f", result(ColumnType.LONGLONG, "9223372036854775807")); // 19 digits
    assertEquals("e803000000000000", result(ColumnType.LONGLONG, "1e3"));
    assertEquals("01", result(ColumnType.TINY, "true"));
    for (String bad : new String[] {"", "-", "abc", "NaN", "1-2", "18446744073709551616"}) {
      assertThrows(GatewayException.class, () -> BinaryValues.writeResultValue(ByteBuf(), ColumnType.LONGLONG,
          bad.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), bad);
    }
    // not a decimal's text: the String path's US-ASCII encoding (a '?' per unmappable character) still applies
    assertEquals("02" + Bytes.ascii("?x"), result(ColumnType.NEWDECIMAL, "éx"));
  }

  @Test
  void floatingAndDecimalResults() {
    assertEquals("0000c03f", result(ColumnType.FLOAT, "1.5"));
    assertEquals("000000000000f83f", result(ColumnType.DOUBLE, "1.5"));
    assertEquals("000000000000f87f", result(ColumnType.DOUBLE, "NaN"));
    assertEquals("0000807f", result(ColumnType.FLOAT, "Infinity"));
    assertEquals("000000000000f0ff", result(ColumnType.DOUBLE, "-Infinity"));
    assertEquals("04" + Bytes.ascii("1.50"), result(ColumnType.NEWDECIMAL, "1.50"));
    assertEquals("03" + Bytes.ascii("NaN"), result(ColumnType.NEWDECIMAL, "NaN"));
  }

  @Test
  void dateAndTimestampResults() {
    assertEquals("04" + "e807011f", result(ColumnType.DATE, "2024-01-31"));
    assertEquals("04" + "e807011f", result(ColumnType.DATETIME, "2024-01-31 00:00:00"));
    assertEquals("07" + "e807011f" + "0c2238", result(ColumnType.DATETIME, "2024-01-31 12:34:56"));
    assertEquals("0b" + "e807011f" + "0c2238" + "20a10700", result(ColumnType.DATETIME, "2024-01-31 12:34:56.5"));
    assertEquals("0b" + "e807011f" + "0c2238" + "40e20100", result(ColumnType.TIMESTAMP, "2024-01-31 12:34:56.123456+05:30"));
    assertEquals("07" + "e807011f" + "0c2238", result(ColumnType.TIMESTAMP, "2024-01-31 12:34:56+00"));
    assertEquals("04" + "e807011f", result(ColumnType.DATETIME, "2024-01-31")); // a date column shown as DATETIME
    assertEquals("0b" + "0f270c1f" + "173b3b" + "3f420f00", result(ColumnType.DATETIME, "infinity"));
    assertEquals("04" + "0f270c1f", result(ColumnType.DATE, "infinity"));
    assertEquals("00", result(ColumnType.DATE, "-infinity"));
    assertThrows(GatewayException.class, () -> BinaryValues.writeResultValue(ByteBuf(), ColumnType.DATE, "0044-03-15 BC", null));
    assertThrows(GatewayException.class, () -> BinaryValues.writeResultValue(ByteBuf(), ColumnType.DATE, "12345-01-01", null));
    assertThrows(GatewayException.class, () -> BinaryValues.writeResultValue(ByteBuf(), ColumnType.DATETIME, "2024-01-31 x", null));
  }

  @Test
  void timeResults() {
    assertEquals("00", result(ColumnType.TIME, "00:00:00"));
    assertEquals("08" + "00" + "00000000" + "0c0000", result(ColumnType.TIME, "12:00:00"));
    assertEquals("0c" + "00" + "00000000" + "0c0000" + "20a10700", result(ColumnType.TIME, "12:00:00.5"));
    assertEquals("08" + "00" + "01000000" + "000000", result(ColumnType.TIME, "24:00:00"));
    assertEquals("08" + "00" + "00000000" + "0c0000", result(ColumnType.TIME, "12:00:00+05")); // timetz
    assertEquals("08" + "01" + "01000000" + "020304", result(ColumnType.TIME, "-26:03:04")); // interval
    assertEquals("08" + "00" + "01000000" + "020304", result(ColumnType.TIME, "1 day 02:03:04"));
    assertEquals("08" + "01" + "01000000" + "020304", result(ColumnType.TIME, "-1 days -02:03:04"));
    assertEquals("08" + "00" + "02000000" + "000000", result(ColumnType.TIME, "2 days"));
    assertThrows(GatewayException.class, () -> BinaryValues.writeResultValue(ByteBuf(), ColumnType.TIME, "1 mon", null));
    assertThrows(GatewayException.class, () -> BinaryValues.writeResultValue(ByteBuf(), ColumnType.TIME, "12:61:00", null));
  }

  @Test
  void stringBitAndByteResults() {
    assertEquals("02" + "c3a9", result(ColumnType.VAR_STRING, "é"));
    assertEquals("08" + Bytes.ascii("{\"a\": 1}"), result(ColumnType.JSON, "{\"a\": 1}"));
    assertEquals("01" + "05", result(ColumnType.BIT, "101"));
    assertEquals("02" + "0101", result(ColumnType.BIT, "100000001"));
    assertEquals("03" + "00ff10", hex(out -> BinaryValues.writeResultBytes(out, new byte[] {0, -1, 16})));
  }

  @Test
  void comStmtExecuteBindsTypesOnceAndReusesThem() throws Exception {
    List<ParameterType> types = List.of(new ParameterType(ColumnType.LONGLONG, true),
        new ParameterType(ColumnType.VAR_STRING, false), new ParameterType(ColumnType.DATETIME, false));
    ByteBuf first = io.netty.buffer.Unpooled.buffer();
    ComStmtExecute.encode(first, 9, CursorType.NO_CURSOR, types,
        new byte[][] {ByteBufUtilHex("ffffffffffffffff"), null, ByteBufUtilHex("04e807011f")}, true);
    assertEquals("17" + "09000000" + "00" + "01000000" + "02" + "01" + "0880" + "fd00" + "0c00"
        + "ffffffffffffffff" + "04e807011f", io.netty.buffer.ByteBufUtil.hexDump(first));
    assertEquals(9, ComStmtExecute.peekStatementId(new MySqlPacket(0, io.netty.buffer.ByteBufUtil.getBytes(first))));

    ComStmtExecute execute = ComStmtExecute.decode(first, 3, null, null, StandardCharsets.UTF_8);

    assertEquals(9, execute.statementId());
    assertEquals(1, execute.iterationCount());
    assertTrue(execute.newParamsBound());
    assertEquals(types, execute.types());
    assertEquals("18446744073709551615", text(execute.values().get(0)));
    assertNull(execute.values().get(1).bytes());
    assertEquals("2024-01-31 00:00:00", text(execute.values().get(2)));

    ByteBuf second = io.netty.buffer.Unpooled.buffer();
    ComStmtExecute.encode(second, 9, CursorType.READ_ONLY, types,
        new byte[][] {ByteBufUtilHex("0100000000000000"), ByteBufUtilHex("0178"), null}, false);
    ComStmtExecute again = ComStmtExecute.decode(second, 3, execute.types(), i -> i == 2 ? "long".getBytes() : null,
        StandardCharsets.UTF_8);
    assertEquals(CursorType.READ_ONLY, again.flags());
    assertFalse(again.newParamsBound());
    assertEquals("1", text(again.values().get(0)));
    assertEquals("x", text(again.values().get(1)));
    assertEquals("long", text(again.values().get(2))); // from COM_STMT_SEND_LONG_DATA

    ByteBuf unbound = io.netty.buffer.Unpooled.buffer();
    ComStmtExecute.encode(unbound, 9, 0, types, new byte[][] {null, null, null}, false);
    assertThrows(MalformedPacketException.class,
        () -> ComStmtExecute.decode(unbound, 3, null, null, StandardCharsets.UTF_8));
    ComStmtExecute none = ComStmtExecute.decode(buf("17" + "09000000" + "00" + "01000000"), 0, null, null,
        StandardCharsets.UTF_8);
    assertEquals(List.of(), none.values());
  }

  private static String text(ParameterValue value) {
    return new String(value.bytes(), StandardCharsets.UTF_8);
  }

  private static byte[] ByteBufUtilHex(String hex) {
    return io.netty.buffer.ByteBufUtil.decodeHexDump(hex);
  }

  private static ByteBuf ByteBuf() {
    return io.netty.buffer.Unpooled.buffer();
  }
}
