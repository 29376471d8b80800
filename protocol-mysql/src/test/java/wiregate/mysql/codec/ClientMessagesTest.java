package wiregate.mysql.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wiregate.mysql.codec.Bytes.ascii;
import static wiregate.mysql.codec.Bytes.buf;
import static wiregate.mysql.codec.Bytes.encoded;
import static wiregate.mysql.codec.Bytes.hex;

import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientMessagesTest {
  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  /** PyMySQL 1.1's login: no DEPRECATE_EOF, charset 45, a lenenc auth response, attributes. */
  @Test
  void handshakeResponse41FromPyMySql() throws Exception {
    int caps = 0x001aa28f | CapabilityFlags.CONNECT_ATTRS; // as PyMySQL sends, with the db flag
    String hex = "8fa23a00" + "00000001" + "2d" + "00".repeat(23) + ascii("tester") + "00"
        + "20" + "11".repeat(32) + ascii("testdb") + "00" + ascii("caching_sha2_password") + "00"
        + "1c" + "0c" + ascii("_client_name") + "07" + ascii("pymysql") + "04" + ascii("_pid") + "01" + ascii("7");

    HandshakeResponse41 response = HandshakeResponse41.decode(buf(hex));

    assertEquals(caps, response.capabilities() & caps);
    assertEquals(0x01000000, response.maxPacketSize());
    assertEquals(45, response.collationId());
    assertEquals("tester", response.userName());
    assertEquals(32, response.authResponse().length);
    assertEquals("testdb", response.database());
    assertEquals("caching_sha2_password", response.authPluginName());
    assertEquals(Map.of("_client_name", "pymysql", "_pid", "7"), response.connectAttributes());
    assertEquals(hex, encoded(response)); // and the client side writes it back the same
  }

  @Test
  void handshakeResponse41WithOneByteAuthLengthNoDbAndZstdLevel() throws Exception {
    int caps = CapabilityFlags.PROTOCOL_41 | CapabilityFlags.SECURE_CONNECTION | CapabilityFlags.PLUGIN_AUTH
        | CapabilityFlags.ZSTD_COMPRESSION_ALGORITHM;
    String hex = "00820c04" + "ffffff00" + "ff" + "00".repeat(23) + ascii("bob") + "00" + "03" + "010203"
        + ascii("mysql_native_password") + "00" + "03";

    HandshakeResponse41 response = HandshakeResponse41.decode(buf(hex));

    assertEquals("bob", response.userName());
    assertArrayEquals(new byte[] {1, 2, 3}, response.authResponse());
    assertNull(response.database());
    assertEquals("mysql_native_password", response.authPluginName());
    assertEquals(Map.of(), response.connectAttributes());
  }

  @Test
  void handshakeResponse41Malformed() {
    String head = "00820a00" + "ffffff00" + "ff" + "00".repeat(23);
    assertThrows(MalformedPacketException.class, () -> HandshakeResponse41.decode(buf(head.substring(0, 20))));
    assertThrows(MalformedPacketException.class, () -> HandshakeResponse41.decode(buf(head + ascii("bob"))));
    assertThrows(MalformedPacketException.class, () -> HandshakeResponse41.decode(buf(head + ascii("bob") + "00" + "05" + "01")));
    String pre41 = "8f000000" + "ffffff00" + "ff" + "00".repeat(23) + ascii("bob") + "00" + "00";
    MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> HandshakeResponse41.decode(buf(pre41)));
    assertTrue(e.getMessage().contains("4.1"));
  }

  @Test
  void sslRequest() throws Exception {
    SslRequest request = new SslRequest(CapabilityFlags.PROTOCOL_41 | CapabilityFlags.SSL, 1 << 24, 255);
    String hex = "000a0000" + "00000001" + "ff" + "00".repeat(23);
    assertEquals(hex, encoded(request));
    assertEquals(request, SslRequest.decode(buf(hex)));
    assertTrue(SslRequest.matches(new MySqlPacket(1, ByteBufUtil.decodeHexDump(hex))));
    assertFalse(SslRequest.matches(new MySqlPacket(1, ByteBufUtil.decodeHexDump("0002" + hex.substring(4)))));
    assertFalse(SslRequest.matches(new MySqlPacket(1, ByteBufUtil.decodeHexDump(hex + "00"))));
  }

  @Test
  void simpleCommands() throws Exception {
    assertEquals("select 1", ComQuery.decode(buf("03" + ascii("select 1")), UTF8).query());
    assertEquals("select ?", ComStmtPrepare.decode(buf("16" + ascii("select ?")), UTF8).query());
    assertEquals("shop", ComInitDb.decode(buf("02" + ascii("shop")), UTF8).schema());
    assertEquals(new ComFieldList("t", "a%"), ComFieldList.decode(buf("04" + ascii("t") + "00" + ascii("a%")), UTF8));
    assertEquals(new ComStmtClose(7), ComStmtClose.decode(buf("19" + "07000000")));
    assertEquals(new ComStmtReset(7), ComStmtReset.decode(buf("1a" + "07000000")));
    assertEquals(new ComProcessKill(7), ComProcessKill.decode(buf("0c" + "07000000")));
    assertEquals(new ComProcessKill(0xfffffffeL), ComProcessKill.decode(buf("0c" + "feffffff")));
    assertEquals(new ComStmtFetch(7, 0xffffffffL), ComStmtFetch.decode(buf("1c" + "07000000" + "ffffffff")));
    assertEquals(new ComSetOption(ComSetOption.MULTI_STATEMENTS_OFF), ComSetOption.decode(buf("1b" + "0100")));
    ComStmtSendLongData data = ComStmtSendLongData.decode(buf("18" + "07000000" + "0200" + "616263"));
    assertEquals(7, data.statementId());
    assertEquals(2, data.parameterIndex());
    assertArrayEquals("abc".getBytes(), data.data());

    assertThrows(MalformedPacketException.class, () -> ComQuery.decode(buf("16"), UTF8));
    assertThrows(MalformedPacketException.class, () -> ComStmtClose.decode(buf("190700")));
    assertThrows(MalformedPacketException.class, () -> ComStmtFetch.decode(buf("1c07000000")));
    assertThrows(MalformedPacketException.class, () -> ComSetOption.decode(buf("1b")));
    assertThrows(MalformedPacketException.class, () -> ComProcessKill.decode(buf("0c0700")));
  }

  @Test
  void changeUser() throws Exception {
    int caps = CapabilityFlags.SERVER_DEFAULT;
    ComChangeUser full = ComChangeUser.decode(buf("11" + ascii("bob") + "00" + "14" + "22".repeat(20)
        + ascii("shop") + "00" + "2d00" + ascii("mysql_native_password") + "00"
        + "09" + "02" + ascii("_a") + "05" + ascii("b c d")), caps, UTF8);
    assertEquals("bob", full.userName());
    assertEquals(20, full.authResponse().length);
    assertEquals("shop", full.database());
    assertEquals(45, full.collationId());
    assertEquals("mysql_native_password", full.authPluginName());
    assertEquals(Map.of("_a", "b c d"), full.connectAttributes());

    ComChangeUser minimal = ComChangeUser.decode(buf("11" + ascii("bob") + "00" + "00" + "00"), caps, UTF8);
    assertEquals(0, minimal.authResponse().length);
    assertNull(minimal.database());
    assertEquals(0, minimal.collationId());
    assertNull(minimal.authPluginName());
  }

  @Test
  void collations() {
    assertEquals(UTF8, Collations.charsetOf(255));
    assertEquals(UTF8, Collations.charsetOf(45));
    assertEquals(UTF8, Collations.charsetOf(46));
    assertEquals(UTF8, Collations.charsetOf(224));
    assertEquals(UTF8, Collations.charsetOf(33));
    assertEquals(UTF8, Collations.charsetOf(83));
    assertEquals(UTF8, Collations.charsetOf(192));
    assertEquals("windows-1252", Collations.charsetOf(8).name());
    assertEquals(StandardCharsets.ISO_8859_1, Collations.charsetOf(63));
    assertEquals(StandardCharsets.US_ASCII, Collations.charsetOf(11));
    assertEquals(UTF8, Collations.charsetOf(9999)); // unknown: UTF-8
    assertEquals(45, Collations.byName("UTF8MB4_GENERAL_CI").orElseThrow().id());
    assertEquals(33, Collations.byName("utf8_general_ci").orElseThrow().id());
    assertEquals(255, Collations.defaultFor("utf8mb4").orElseThrow().id());
    assertEquals("latin1", Collations.byId(8).orElseThrow().charsetName());
  }
}
