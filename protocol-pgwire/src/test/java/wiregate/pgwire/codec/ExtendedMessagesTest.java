package wiregate.pgwire.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Byte-level tests of the extended query protocol messages, both directions. */
class ExtendedMessagesTest {
  private final EmbeddedChannel channel = new EmbeddedChannel(new MessageDecoder(1 << 20, () -> StandardCharsets.UTF_8));

  private FrontendMessage decode(char type, String hexBody) {
    channel.writeInbound(FrameBuilder.typed(type, ByteBufUtil.decodeHexDump(hexBody)));
    return channel.readInbound();
  }

  @Test
  void parseWithParameterTypes() {
    // name "s1", query "select $1", 1 type: int4 (23)
    FrontendMessage.Parse p = assertInstanceOf(FrontendMessage.Parse.class,
        decode('P', "733100" + "73656c656374202431" + "00" + "0001" + "00000017"));
    assertEquals("s1", p.statement());
    assertEquals("select $1", p.sql());
    assertArrayEquals(new int[] {23}, p.parameterTypes());
  }

  @Test
  void bindWithNullTextAndBinaryValues() {
    // portal "", statement "s1", 2 formats (0,1), 3 values: "7", NULL, 0x0001, 1 result format (1)
    FrontendMessage.Bind b = assertInstanceOf(FrontendMessage.Bind.class, decode('B',
        "00" + "733100" + "0002" + "0000" + "0001" + "0003" + "0000000137" + "ffffffff" + "000000020001"
            + "0001" + "0001"));
    assertEquals("", b.portal());
    assertEquals("s1", b.statement());
    assertArrayEquals(new short[] {0, 1}, b.parameterFormats());
    assertArrayEquals(new byte[] {'7'}, b.values()[0]);
    assertNull(b.values()[1]);
    assertArrayEquals(new byte[] {0, 1}, b.values()[2]);
    assertArrayEquals(new short[] {1}, b.resultFormats());
  }

  @Test
  void describeExecuteClose() {
    assertEquals(new FrontendMessage.Describe('S', "s1"), decode('D', "53" + "733100"));
    assertEquals(new FrontendMessage.Describe('P', ""), decode('D', "50" + "00"));
    assertEquals(new FrontendMessage.Execute("", 100), decode('E', "00" + "00000064"));
    assertEquals(new FrontendMessage.Close('P', "p"), decode('C', "50" + "7000"));
  }

  @Test
  void badBodiesAreRecoverableErrors() {
    FrontendMessage.Invalid overlong = assertInstanceOf(FrontendMessage.Invalid.class,
        decode('B', "00" + "00" + "0000" + "0001" + "000000ff" + "41"));
    assertEquals("08P01", overlong.error().sqlState());
    assertEquals("ERROR", overlong.error().severity());
    assertTrue(overlong.error().message().contains("insufficient data"));
    assertInstanceOf(FrontendMessage.Invalid.class, decode('D', "58" + "00"));
    assertInstanceOf(FrontendMessage.Invalid.class, decode('E', "00" + "0000"));
    assertInstanceOf(FrontendMessage.Invalid.class, decode('P', "00" + "7800" + "0002" + "00000017"));
    // The stream goes on after each of them.
    assertEquals(new FrontendMessage.Execute("", 0), decode('E', "00" + "00000000"));
  }

  private static String hex(Consumer<ByteBuf> write) {
    ByteBuf out = Unpooled.buffer();
    write.accept(out);
    return ByteBufUtil.hexDump(out);
  }

  @Test
  void backendExtendedMessages() {
    assertEquals("3100000004", hex(BackendMessages::parseComplete));
    assertEquals("3200000004", hex(BackendMessages::bindComplete));
    assertEquals("3300000004", hex(BackendMessages::closeComplete));
    assertEquals("6e00000004", hex(BackendMessages::noData));
    assertEquals("7300000004", hex(BackendMessages::portalSuspended));
    assertEquals("74" + "0000000e" + "0002" + "00000017" + "00000019",
        hex(out -> BackendMessages.parameterDescription(out, new int[] {23, 25})));
  }

  @Test
  void rowDescriptionCarriesBinaryFormats() {
    BackendMessages messages = new BackendMessages(StandardCharsets.UTF_8);
    var column = new wiregate.core.model.Column("a", 0, (short) 0, 23, (short) 4, -1);
    String hex = hex(out -> messages.rowDescription(out, java.util.List.of(column, column), new boolean[] {true, false}));
    assertTrue(hex.endsWith("0001" + "6100" + "00000000" + "0000" + "00000017" + "0004" + "ffffffff" + "0000"), hex);
    assertTrue(hex.contains("ffffffff" + "0001" + "6100"), hex);
  }
}
