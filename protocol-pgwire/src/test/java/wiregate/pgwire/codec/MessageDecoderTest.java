package wiregate.pgwire.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageDecoderTest {
  private static final int MAX = 4096;
  private final EmbeddedChannel channel = new EmbeddedChannel(new MessageDecoder(MAX, () -> StandardCharsets.UTF_8));

  @Test
  void decodesEachMessageType() {
    channel.writeInbound(FrameBuilder.query("select 'é'"));
    assertEquals(new FrontendMessage.Query("select 'é'"), channel.readInbound());
    channel.writeInbound(FrameBuilder.typed('p', new byte[] {'p', 'w', 0}));
    assertArrayEquals(new byte[] {'p', 'w', 0},
        assertInstanceOf(FrontendMessage.AuthenticationResponse.class, channel.readInbound()).payload());
    channel.writeInbound(FrameBuilder.typed('X', new byte[0]));
    assertInstanceOf(FrontendMessage.Terminate.class, channel.readInbound());
    channel.writeInbound(FrameBuilder.typed('S', new byte[0]));
    assertInstanceOf(FrontendMessage.Sync.class, channel.readInbound());
    channel.writeInbound(FrameBuilder.typed('H', new byte[0]));
    assertInstanceOf(FrontendMessage.Flush.class, channel.readInbound());
    channel.writeInbound(FrameBuilder.typed('F', new byte[] {0, 0, 0, 0}));
    assertEquals(new FrontendMessage.Unsupported('F'), channel.readInbound());
  }

  @Test
  void decodesSeveralMessagesFromOneRead() {
    channel.writeInbound(Unpooled.wrappedBuffer(FrameBuilder.query("a"), FrameBuilder.query("b")));
    assertEquals(new FrontendMessage.Query("a"), channel.readInbound());
    assertEquals(new FrontendMessage.Query("b"), channel.readInbound());
  }

  @Test
  void waitsForATruncatedMessage() {
    ByteBuf frame = FrameBuilder.query("select 1");
    channel.writeInbound(frame.readRetainedSlice(7));
    assertNull(channel.readInbound());
    channel.writeInbound(frame);
    assertEquals(new FrontendMessage.Query("select 1"), channel.readInbound());
  }

  @Test
  void refusesAnOversizedMessageFromItsHeaderAlone() {
    channel.writeInbound(Unpooled.buffer().writeByte('Q').writeInt(MAX + 1));
    FrontendMessage.Malformed m = assertInstanceOf(FrontendMessage.Malformed.class, channel.readInbound());
    assertEquals("54000", m.error().sqlState());
    assertTrue(m.error().hint().contains("protocols.postgres.max-message-size"));
  }

  @Test
  void refusesALengthBelowFour() {
    channel.writeInbound(Unpooled.buffer().writeByte('Q').writeInt(3));
    assertEquals("08P01", assertInstanceOf(FrontendMessage.Malformed.class, channel.readInbound()).error().sqlState());
  }

  @Test
  void refusesAQueryWithoutTerminator() {
    channel.writeInbound(FrameBuilder.typed('Q', "select 1".getBytes(StandardCharsets.UTF_8)));
    FrontendMessage.Invalid m = assertInstanceOf(FrontendMessage.Invalid.class, channel.readInbound());
    assertTrue(m.error().message().contains("missing string terminator"));
    assertEquals("ERROR", m.error().severity());
    // The framing held, so the next message decodes.
    channel.writeInbound(FrameBuilder.query("select 2"));
    assertEquals(new FrontendMessage.Query("select 2"), channel.readInbound());
  }

  @Test
  void refusesTrailingBytesInsideAMessage() {
    channel.writeInbound(FrameBuilder.typed('Q', new byte[] {'a', 0, 'b'}));
    FrontendMessage.Invalid m = assertInstanceOf(FrontendMessage.Invalid.class, channel.readInbound());
    assertTrue(m.error().message().contains("unexpected bytes"));
  }

  @Test
  void terminateWithABodyIsInvalid() {
    channel.writeInbound(FrameBuilder.typed('X', new byte[] {1}));
    assertInstanceOf(FrontendMessage.Invalid.class, channel.readInbound());
  }

  @Test
  void garbageNeverHangsOrThrows() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      EmbeddedChannel ch = new EmbeddedChannel(new MessageDecoder(MAX, () -> StandardCharsets.UTF_8));
      byte[] garbage = new byte[random.nextInt(64) + 5];
      random.nextBytes(garbage);
      ch.writeInbound(Unpooled.wrappedBuffer(garbage));
      Object first;
      while ((first = ch.readInbound()) != null) {
        assertInstanceOf(FrontendMessage.class, first);
      }
      ch.finishAndReleaseAll();
    }
  }
}
