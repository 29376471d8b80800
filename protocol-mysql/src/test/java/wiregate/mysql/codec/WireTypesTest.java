package wiregate.mysql.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static wiregate.mysql.codec.Bytes.buf;
import static wiregate.mysql.codec.Bytes.hex;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireTypesTest {
  @Test
  void lengthEncodedIntegersUseTheShortestForm() throws Exception {
    assertEquals("00", hex(out -> WireTypes.writeLengthEncodedInt(out, 0)));
    assertEquals("fa", hex(out -> WireTypes.writeLengthEncodedInt(out, 250)));
    assertEquals("fcfb00", hex(out -> WireTypes.writeLengthEncodedInt(out, 251)));
    assertEquals("fcffff", hex(out -> WireTypes.writeLengthEncodedInt(out, 65535)));
    assertEquals("fd000001", hex(out -> WireTypes.writeLengthEncodedInt(out, 65536)));
    assertEquals("fdffffff", hex(out -> WireTypes.writeLengthEncodedInt(out, 0xffffff)));
    assertEquals("fe0000000100000000", hex(out -> WireTypes.writeLengthEncodedInt(out, 0x1000000)));
    assertEquals("feffffffffffffffff", hex(out -> WireTypes.writeLengthEncodedInt(out, -1))); // 2^64-1
    for (long v : new long[] {0, 250, 251, 65535, 65536, 0xffffff, 0x1000000, -1}) {
      var b = io.netty.buffer.Unpooled.buffer();
      WireTypes.writeLengthEncodedInt(b, v);
      assertEquals(b.readableBytes(), WireTypes.lengthEncodedIntSize(v));
      assertEquals(v, WireTypes.readLengthEncodedInt(b));
    }
  }

  @Test
  void readingRefusesNullErrAndTruncatedIntegers() {
    assertThrows(MalformedPacketException.class, () -> WireTypes.readLengthEncodedInt(buf("fb")));
    assertThrows(MalformedPacketException.class, () -> WireTypes.readLengthEncodedInt(buf("ff")));
    assertThrows(MalformedPacketException.class, () -> WireTypes.readLengthEncodedInt(buf("fc01")));
    assertThrows(MalformedPacketException.class, () -> WireTypes.readLengthEncodedInt(buf("")));
  }

  @Test
  void strings() throws Exception {
    assertEquals("03616263", hex(out -> WireTypes.writeLengthEncodedString(out, "abc", StandardCharsets.UTF_8)));
    assertEquals("02c3a9", hex(out -> WireTypes.writeLengthEncodedString(out, "é", StandardCharsets.UTF_8)));
    assertEquals("61626300", hex(out -> WireTypes.writeNulTerminatedString(out, "abc", StandardCharsets.UTF_8)));
    assertEquals("abc", WireTypes.readLengthEncodedString(buf("03616263"), StandardCharsets.UTF_8));
    assertEquals("abc", WireTypes.readNulTerminatedString(buf("6162630078"), StandardCharsets.UTF_8, "x"));
    assertArrayEquals(new byte[0], WireTypes.readLengthEncodedBytes(buf("00")));
    assertThrows(MalformedPacketException.class, () -> WireTypes.readLengthEncodedBytes(buf("0461")));
    assertThrows(MalformedPacketException.class, () -> WireTypes.readNulTerminatedBytes(buf("6162"), "x"));
  }
}
