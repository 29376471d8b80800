package wiregate.pgwire.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupDecoderTest {
  private final EmbeddedChannel channel = new EmbeddedChannel(
      new StartupDecoder(() -> new MessageDecoder(1024 * 1024, () -> StandardCharsets.UTF_8)));

  @Test
  void decodesStartupMessageWithParametersInOrder() {
    channel.writeInbound(FrameBuilder.startup(196608, "user", "alice", "database", "db", "application_name", "psql"));
    FrontendMessage.Startup startup = assertInstanceOf(FrontendMessage.Startup.class, channel.readInbound());
    assertEquals(3, startup.major());
    assertEquals(0, startup.minor());
    assertEquals(Map.of("user", "alice", "database", "db", "application_name", "psql"), startup.parameters());
    assertEquals("[user, database, application_name]", startup.parameters().keySet().toString());
  }

  @Test
  void decodesSslGssAndCancelRequests() {
    channel.writeInbound(FrameBuilder.untyped(StartupDecoder.SSL_REQUEST_CODE));
    assertInstanceOf(FrontendMessage.SslRequest.class, channel.readInbound());
    channel.writeInbound(FrameBuilder.untyped(StartupDecoder.GSSENC_REQUEST_CODE));
    assertInstanceOf(FrontendMessage.GssEncRequest.class, channel.readInbound());
    channel.writeInbound(FrameBuilder.untyped(StartupDecoder.CANCEL_REQUEST_CODE, 1234, -5));
    assertEquals(new FrontendMessage.CancelRequest(1234, -5), channel.readInbound());
  }

  @Test
  void waitsForTheWholePacket() {
    ByteBuf frame = FrameBuilder.startup(196608, "user", "u");
    channel.writeInbound(frame.readRetainedSlice(6));
    assertNull(channel.readInbound());
    channel.writeInbound(frame);
    assertInstanceOf(FrontendMessage.Startup.class, channel.readInbound());
  }

  @Test
  void handsFollowingBytesToTheTypedDecoder() {
    ByteBuf both = Unpooled.wrappedBuffer(FrameBuilder.startup(196608, "user", "u"), FrameBuilder.query("select 1"));
    channel.writeInbound(both);
    assertInstanceOf(FrontendMessage.Startup.class, channel.readInbound());
    assertEquals(new FrontendMessage.Query("select 1"), channel.readInbound());
    assertNull(channel.pipeline().get(StartupDecoder.class));
  }

  @Test
  void rejectsLengthsOutsideTheStartupLimits() {
    assertMalformed(Unpooled.buffer().writeInt(4).writeInt(0), "invalid length of startup packet");
  }

  @Test
  void rejectsOversizedStartupPacketWithoutWaitingForIt() {
    assertMalformed(Unpooled.buffer().writeInt(StartupDecoder.MAX_STARTUP_PACKET + 1).writeInt(196608),
        "invalid length of startup packet");
  }

  @Test
  void rejectsUnterminatedParameters() {
    ByteBuf frame = Unpooled.buffer().writeInt(14).writeInt(196608).writeBytes("user\0u".getBytes(StandardCharsets.UTF_8));
    assertMalformed(frame, "invalid startup");
  }

  @Test
  void rejectsTruncatedCancelRequest() {
    assertMalformed(FrameBuilder.untyped(StartupDecoder.CANCEL_REQUEST_CODE, 1), "invalid length of cancel request");
  }

  @Test
  void rejectsPlaintextAfterSslRequest() {
    ByteBuf frames = Unpooled.wrappedBuffer(FrameBuilder.untyped(StartupDecoder.SSL_REQUEST_CODE),
        FrameBuilder.startup(196608, "user", "u"));
    assertMalformed(frames, "received unencrypted data after SSL request");
  }

  @Test
  void ignoresEverythingAfterAViolation() {
    assertMalformed(Unpooled.buffer().writeInt(3).writeInt(0), "invalid length");
    channel.writeInbound(FrameBuilder.startup(196608, "user", "u"));
    assertNull(channel.readInbound());
  }

  private void assertMalformed(ByteBuf input, String messageStart) {
    channel.writeInbound(input);
    FrontendMessage.Malformed malformed = assertInstanceOf(FrontendMessage.Malformed.class, channel.readInbound());
    assertEquals("08P01", malformed.error().sqlState());
    assertTrue(malformed.error().message().startsWith(messageStart), malformed.error().message());
  }
}
