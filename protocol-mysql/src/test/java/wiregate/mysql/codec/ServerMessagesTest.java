package wiregate.mysql.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static wiregate.mysql.codec.Bytes.ascii;
import static wiregate.mysql.codec.Bytes.encoded;
import static wiregate.mysql.codec.Bytes.hex;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerMessagesTest {
  private static final byte[] SCRAMBLE = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};

  @Test
  void offeredCapabilitiesAreExactlyTheDocumentedOnes() {
    assertEquals(0x013fa20f, CapabilityFlags.SERVER_DEFAULT);
  }

  @Test
  void handshakeV10() {
    HandshakeV10 greeting = new HandshakeV10("8.0.40-wiregate", 7, SCRAMBLE,
        CapabilityFlags.SERVER_DEFAULT | CapabilityFlags.SSL, 255, ServerStatus.AUTOCOMMIT, "caching_sha2_password");

    assertEquals("0a" + ascii("8.0.40-wiregate") + "00" + "07000000" + "0102030405060708" + "00"
        + "0faa" + "ff" + "0200" + "3f01" + "15" + "00000000000000000000"
        + "090a0b0c0d0e0f1011121314" + "00" + ascii("caching_sha2_password") + "00", encoded(greeting));
  }

  @Test
  void authSwitchAndMoreData() {
    assertEquals("fe" + ascii("mysql_native_password") + "00" + "0102030405060708090a0b0c0d0e0f1011121314" + "00",
        encoded(AuthSwitchRequest.withScramble("mysql_native_password", SCRAMBLE)));
    assertEquals("0103", encoded(AuthMoreData.of(AuthMoreData.FAST_AUTH_SUCCESS)));
    assertEquals("0104", encoded(AuthMoreData.of(AuthMoreData.PERFORM_FULL_AUTHENTICATION)));
    assertEquals("01" + ascii("PEM"), encoded(new AuthMoreData("PEM".getBytes())));
  }

  @Test
  void okPacket() {
    assertEquals("00" + "00" + "00" + "0200" + "0000", encoded(OkPacket.of(ServerStatus.AUTOCOMMIT)));
    assertEquals("00" + "fc0001" + "2a" + "0300" + "0100" + "0f" + ascii("Rows matched: 1"),
        encoded(new OkPacket(256, 42, ServerStatus.AUTOCOMMIT | ServerStatus.IN_TRANS, 1, "Rows matched: 1")));
    assertEquals("fe" + "00" + "00" + "2200" + "0000",
        encoded(OkPacket.resultSetEnd(ServerStatus.AUTOCOMMIT | ServerStatus.NO_INDEX_USED, 0)));
    assertEquals("fe" + "05" + "00" + "0200" + "0000", encoded(new OkPacket(5, 0, 2, 0, "").asResultSetEnd()));
  }

  @Test
  void errPacket() {
    assertEquals("ff" + "1504" + "23" + ascii("28000") + ascii("Access denied"),
        encoded(new ErrPacket(1045, "28000", "Access denied")));
    assertEquals("ff" + "1504" + ascii("Access denied"),
        encoded(new ErrPacket(1045, "28000", "Access denied")::encodeWithoutSqlState));
    assertEquals("ff" + "8104" + "23" + ascii("08S01") + ascii("Got a packet bigger than 'max_allowed_packet' bytes"),
        encoded(ErrPacket.packetTooLarge()));
    assertEquals("ff" + "8404" + "23" + ascii("08S01") + ascii("Got packets out of order"),
        encoded(ErrPacket.packetsOutOfOrder()));
    assertEquals("ff" + "1704" + "23" + ascii("08S01") + ascii("Unknown command"), encoded(ErrPacket.unknownCommand()));
  }

  @Test
  void eofPacket() {
    assertEquals("fe" + "0100" + "0200", encoded(new EofPacket(1, ServerStatus.AUTOCOMMIT)));
  }

  @Test
  void columnDefinition41() {
    ColumnDefinition41 column = new ColumnDefinition41("db", "t", "users", "id", "id", Collations.BINARY, 11,
        ColumnType.LONG, ColumnFlags.NOT_NULL | ColumnFlags.PRI_KEY | ColumnFlags.AUTO_INCREMENT, 0);

    assertEquals("03" + ascii("def") + "02" + ascii("db") + "01" + ascii("t") + "05" + ascii("users")
        + "02" + ascii("id") + "02" + ascii("id") + "0c" + "3f00" + "0b000000" + "03" + "0302" + "00" + "0000",
        encoded(column));
    assertEquals("03" + ascii("def") + "00" + "00" + "00" + "03" + ascii("1+1") + "00" + "0c" + "3f00"
        + "03000000" + "08" + "8100" + "00" + "0000",
        encoded(ColumnDefinition41.computed("1+1", 63, 3, ColumnType.LONGLONG, ColumnFlags.NOT_NULL | ColumnFlags.BINARY, 0)));
  }

  @Test
  void textRow() {
    assertEquals("02" + ascii("42") + "fb" + "00",
        hex(out -> TextRow.encode(out, new byte[][] {"42".getBytes(), null, new byte[0]})));
  }

  @Test
  void binaryRowNullBitmapStartsAtBitTwo() {
    ByteBuf out = Unpooled.buffer();
    int start = BinaryRow.writeHeader(out, 7);
    BinaryRow.markNull(out, start, 0);
    BinaryRow.markNull(out, start, 6);
    assertEquals("00" + "0401" /* bits 2 and 8 */, ByteBufUtil.hexDump(out));
    assertEquals(1, BinaryRow.bitmapLength(1));
    assertEquals(1, BinaryRow.bitmapLength(6));
    assertEquals(2, BinaryRow.bitmapLength(7));

    out.clear();
    start = BinaryRow.writeHeader(out, 2);
    BinaryRow.markNull(out, start, 1);
    out.writeIntLE(5);
    assertEquals("00" + "08" + "05000000", ByteBufUtil.hexDump(out));
  }

  @Test
  void stmtPrepareOkAndItsDefinitions() {
    assertEquals("00" + "01000000" + "0200" + "0100" + "00" + "0000", encoded(new StmtPrepareOk(1, 2, 1, 0)));

    PacketSequence sequence = new PacketSequence();
    sequence.acceptCommand(new MySqlPacket(0, new byte[] {0x16}));
    ByteBuf out = Unpooled.buffer();
    ColumnDefinition41 param = ColumnDefinition41.computed("?", 63, 0, ColumnType.VAR_STRING, 0, 0);
    ColumnDefinition41 col = ColumnDefinition41.computed("x", 255, 4, ColumnType.VAR_STRING, 0, 0);
    PacketWriter writer = new PacketWriter(sequence);
    StmtPrepareOk.writeResponse(m -> writer.write(out, m), 1, List.of(param), List.of(col, col), 0, 2, false);
    // OK, 1 param + EOF, 2 columns + EOF: 6 packets numbered 1..6
    int packets = 0;
    while (out.isReadable()) {
      int length = out.readUnsignedMediumLE();
      assertEquals(++packets, out.readUnsignedByte());
      out.skipBytes(length);
    }
    assertEquals(6, packets);

    out.clear();
    PacketWriter fresh = new PacketWriter(new PacketSequence());
    StmtPrepareOk.writeResponse(m -> fresh.write(out, m), 1, List.of(), List.of(col), 0, 2, true);
    int count = 0;
    while (out.isReadable()) {
      out.skipBytes(out.readUnsignedMediumLE() + 1);
      count++;
    }
    assertEquals(2, count); // deprecate EOF: no EOF packets
  }
}
