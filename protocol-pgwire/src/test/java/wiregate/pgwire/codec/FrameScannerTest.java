package wiregate.pgwire.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameScannerTest {
  private final FrameScanner scanner = new FrameScanner();
  private final List<String> seen = new ArrayList<>();
  private final FrameScanner.Listener all = (type, length) -> seen.add((char) type + ":" + length);

  private static ByteBuf frames() {
    return Unpooled.wrappedBuffer(FrameBuilder.query("select 1"), FrameBuilder.typed('S', new byte[0]),
        FrameBuilder.typed('E', new byte[] {0, 0, 0, 0, 0}));
  }

  @Test
  void seesEveryHeaderOfWholeMessagesWithoutMovingTheBuffer() {
    ByteBuf in = frames();
    int before = in.readerIndex();
    assertEquals(-1, scanner.scan(in, all));
    assertEquals(List.of("Q:13", "S:4", "E:9"), seen);
    assertEquals(before, in.readerIndex());
    assertTrue(scanner.atBoundary());
  }

  @Test
  void assemblesHeadersAndSkipsBodiesSplitAcrossBuffersAtEveryByte() {
    ByteBuf whole = frames();
    while (whole.isReadable()) {
      ByteBuf one = whole.readSlice(1);
      assertEquals(-1, scanner.scan(one, all));
      assertEquals(!whole.isReadable(), scanner.atBoundary() && seen.size() == 3);
    }
    assertEquals(List.of("Q:13", "S:4", "E:9"), seen);
  }

  @Test
  void isNotAtABoundaryInsideAHeaderOrABody() {
    ByteBuf whole = frames();
    scanner.scan(whole.slice(0, 3), all);
    assertFalse(scanner.atBoundary());
    scanner.scan(whole.slice(3, 5), all);
    assertFalse(scanner.atBoundary());
    scanner.scan(whole.slice(8, 6), all);
    assertTrue(scanner.atBoundary());
  }

  @Test
  void refusedMessageReportsWhereItsHeaderStarts() {
    FrameScanner.Listener noSync = (type, length) -> type != 'S';
    ByteBuf in = frames();
    assertEquals(in.readerIndex() + 14, scanner.scan(in, noSync));
  }

  @Test
  void refusedHeaderThatBeganInAnEarlierBufferStopsAtTheStartOfThisOne() {
    FrameScanner.Listener noSync = (type, length) -> type != 'S';
    ByteBuf whole = frames();
    assertEquals(-1, scanner.scan(whole.slice(0, 16), noSync));
    ByteBuf rest = whole.slice(16, whole.readableBytes() - 16);
    assertEquals(rest.readerIndex(), scanner.scan(rest, noSync));
  }
}
