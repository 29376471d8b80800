package wiregate.mysql.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static wiregate.mysql.codec.Bytes.buf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FramingTest {
  private static final int BIG = PacketDecoder.MAX_FRAGMENT;

  @Test
  void decodesPacketsSplitAnywhere() {
    EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(1024, -1));
    channel.writeInbound(buf("030000"));
    assertNull(channel.readInbound());
    channel.writeInbound(buf("00 0e 61 62 02 00 00 01"));
    MySqlPacket first = channel.readInbound();
    assertEquals(0, first.sequenceId());
    assertEquals("0e6162", ByteBufUtil.hexDump(first.payload()));
    assertNull(channel.readInbound());
    channel.writeInbound(buf("7879 00000002"));
    MySqlPacket second = channel.readInbound();
    assertEquals(1, second.sequenceId());
    assertEquals("7879", ByteBufUtil.hexDump(second.payload()));
    MySqlPacket empty = channel.readInbound();
    assertEquals(0, empty.length());
    assertEquals(-1, empty.firstByte());
  }

  @Test
  void joinsContinuationPacketsIntoOneLogicalPacket() {
    byte[] payload = new byte[BIG + 10];
    Arrays.fill(payload, (byte) 7);
    payload[BIG] = 9;
    ByteBuf wire = Unpooled.buffer();
    wire.writeMediumLE(BIG).writeByte(3).writeBytes(payload, 0, BIG);
    wire.writeMediumLE(10).writeByte(4).writeBytes(payload, BIG, 10);
    EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(64 * 1024 * 1024, -1));

    channel.writeInbound(wire);

    MySqlPacket packet = channel.readInbound();
    assertEquals(3, packet.sequenceId());
    assertEquals(4, packet.lastSequenceId());
    assertArrayEquals(payload, packet.payload());
  }

  @Test
  void aPayloadOfExactlyOneFullFragmentEndsWithAnEmptyPacket() {
    ByteBuf wire = Unpooled.buffer();
    wire.writeMediumLE(BIG).writeByte(0).writeZero(BIG);
    wire.writeMediumLE(0).writeByte(1);
    EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(BIG, -1));

    channel.writeInbound(wire);

    MySqlPacket packet = channel.readInbound();
    assertEquals(BIG, packet.length());
    assertEquals(1, packet.lastSequenceId());
  }

  @Test
  void refusesAnOversizedPacketBeforeBufferingItAndIgnoresTheRest() {
    EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(100, -1));
    channel.writeInbound(buf("64000000"), Unpooled.wrappedBuffer(new byte[100])); // exactly the limit: fine
    assertEquals(100, ((MySqlPacket) channel.readInbound()).length());

    channel.writeInbound(buf("65000005 00")); // 101 bytes announced, one sent

    FramingFault.PacketTooLarge fault = channel.readInbound();
    assertEquals(new FramingFault.PacketTooLarge(5, 101, 100), fault);
    channel.writeInbound(buf("01000000 0e"));
    assertNull(channel.readInbound());
  }

  @Test
  void theLimitAppliesToTheJoinedPacket() {
    ByteBuf wire = Unpooled.buffer();
    wire.writeMediumLE(BIG).writeByte(0).writeZero(BIG);
    wire.writeMediumLE(2).writeByte(1).writeZero(2);
    EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(BIG + 1, -1));

    channel.writeInbound(wire);

    assertEquals(new FramingFault.PacketTooLarge(0, BIG + 2L, BIG + 1), channel.readInbound());
  }

  @Test
  void aContinuationOutOfSequenceIsAFault() {
    ByteBuf wire = Unpooled.buffer();
    wire.writeMediumLE(BIG).writeByte(0).writeZero(BIG);
    wire.writeMediumLE(1).writeByte(5).writeZero(1);
    EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(64 * 1024 * 1024, -1));

    channel.writeInbound(wire);

    assertEquals(new FramingFault.ContinuationOutOfOrder(5, 1), channel.readInbound());
  }

  @Test
  void aLoginPacketWithTheWrongSequenceIdIsAFaultAsSoonAsItsHeaderArrives() {
    EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(64 * 1024 * 1024, 1));

    channel.writeInbound(buf("474554 20")); // "GET " read as a header: 5.5 MB, sequence id 0x20

    assertEquals(new FramingFault.LoginOutOfOrder(0x20, 1), channel.readInbound());
  }

  @Test
  void onlyTheLoginPacketsSequenceIdIsChecked() {
    EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(1024, 2));

    channel.writeInbound(buf("010000 02 aa 010000 07 bb"));

    assertEquals(2, ((MySqlPacket) channel.readInbound()).sequenceId());
    assertEquals(7, ((MySqlPacket) channel.readInbound()).sequenceId());
  }

  @Test
  void writerNumbersPacketsAndSplitsLongPayloads() {
    PacketSequence sequence = new PacketSequence();
    PacketWriter writer = new PacketWriter(sequence);
    ByteBuf out = Unpooled.buffer();

    writer.write(out, o -> o.writeByte(0x0e));
    assertEquals("01000000" + "0e", ByteBufUtil.hexDump(out));

    out.clear();
    int start = writer.begin(out);
    out.writeBytes(new byte[BIG]);
    writer.end(out, start);
    assertEquals(BIG + 4 + 4, out.readableBytes());
    assertEquals(BIG, out.getUnsignedMediumLE(0));
    assertEquals(1, out.getUnsignedByte(3));
    assertEquals(0, out.getUnsignedMediumLE(BIG + 4)); // then an empty packet
    assertEquals(2, out.getUnsignedByte(BIG + 7));

    out.clear();
    writer.write(out, Unpooled.wrappedBuffer(new byte[BIG + 5]));
    assertEquals(BIG + 5 + 8, out.readableBytes());
    assertEquals(3, out.getUnsignedByte(3));
    assertEquals(5, out.getUnsignedMediumLE(BIG + 4));
    assertEquals(4, out.getUnsignedByte(BIG + 7));
  }

  @Test
  void sequenceIdsContinueAcrossAnExchangeAndRestartWithEachCommand() {
    PacketSequence sequence = new PacketSequence();
    assertEquals(0, sequence.nextOutbound()); // greeting
    assertTrue(sequence.accept(new MySqlPacket(1, new byte[0]))); // login
    assertEquals(2, sequence.nextOutbound()); // AuthMoreData
    assertFalse(sequence.accept(new MySqlPacket(2, new byte[0]))); // should be 3
    assertEquals(3, sequence.nextOutbound()); // numbered after the client's packet all the same
    assertTrue(sequence.acceptCommand(new MySqlPacket(0, new byte[0])));
    assertEquals(1, sequence.nextOutbound());
    assertFalse(sequence.acceptCommand(new MySqlPacket(1, new byte[0])));
    assertFalse(sequence.accept(new MySqlPacket(255, new byte[0])));
    assertEquals(0, sequence.nextOutbound()); // 255 + 1 wraps to 0
  }
}
