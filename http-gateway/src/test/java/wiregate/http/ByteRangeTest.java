package wiregate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteRangeTest {
  @Test
  void closedOpenAndSuffixRanges() throws Exception {
    assertEquals(Optional.of(new ByteRange(0, 9)), ByteRange.parse("bytes=0-9", 100));
    assertEquals(Optional.of(new ByteRange(90, 99)), ByteRange.parse("bytes=90-", 100));
    assertEquals(Optional.of(new ByteRange(95, 99)), ByteRange.parse("bytes=-5", 100));
    assertEquals("bytes 90-99/100", new ByteRange(90, 99).contentRange(100));
  }

  @Test
  void rangesAreClampedToTheEnd() throws Exception {
    assertEquals(Optional.of(new ByteRange(50, 99)), ByteRange.parse("bytes=50-5000", 100));
    assertEquals(Optional.of(new ByteRange(0, 99)), ByteRange.parse("bytes=-500", 100));
  }

  @Test
  void beyondTheEndIsUnsatisfiable() {
    assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=100-", 100));
    assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=100-200", 100));
    assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=-0", 100));
    assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=0-", 0));
  }

  @Test
  void whatThisServerIgnoresMeansTheWholeFile() throws Exception {
    assertEquals(Optional.empty(), ByteRange.parse(null, 100));
    assertEquals(Optional.empty(), ByteRange.parse("bytes=5-1", 100));
    assertEquals(Optional.empty(), ByteRange.parse("bytes=0-1,5-6", 100));
    assertEquals(Optional.empty(), ByteRange.parse("items=0-1", 100));
    assertEquals(Optional.empty(), ByteRange.parse("bytes=-", 100));
    assertEquals(Optional.empty(), ByteRange.parse("bytes=99999999999999999999-", 100));
  }
}
