package wiregate.mysql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawBytesUtf8Test {
  private static String decode(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return new String(b, RawBytesUtf8.INSTANCE);
  }

  @Test
  void wellFormedUtf8DecodesAsUtf8() {
    String text = "SELECT 'ü😀\0'";
    assertEquals(text, new String(text.getBytes(StandardCharsets.UTF_8), RawBytesUtf8.INSTANCE));
  }

  @Test
  void bytesThatAreNotUtf8BecomeLoneSurrogates() {
    assertEquals("'\uDCFF'", decode('\'', 0xff, '\''));
    assertEquals("\uDCC3(", decode(0xc3, '('), "a lead byte without its continuation");
    assertEquals("\uDCC0\uDCAF", decode(0xc0, 0xaf), "overlong form");
    assertEquals("\uDCED\uDCA0\uDC80", decode(0xed, 0xa0, 0x80), "an encoded surrogate");
    assertEquals("a\uDCE2\uDC82", decode('a', 0xe2, 0x82), "incomplete at the end");
    assertEquals("\uDCF5\uDC80\uDC80\uDC80", decode(0xf5, 0x80, 0x80, 0x80), "past U+10FFFF");
  }
}
