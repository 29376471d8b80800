package wiregate.pgwire.codec;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** Maps PostgreSQL client_encoding names to Java charsets for the strings the gateway itself writes. */
public final class ClientEncodings {
  private static final Map<String, String> JAVA_NAMES = Map.ofEntries(
      Map.entry("UTF8", "UTF-8"),
      Map.entry("UNICODE", "UTF-8"),
      Map.entry("SQL_ASCII", "UTF-8"),
      Map.entry("LATIN1", "ISO-8859-1"),
      Map.entry("LATIN2", "ISO-8859-2"),
      Map.entry("LATIN9", "ISO-8859-15"),
      Map.entry("WIN1250", "windows-1250"),
      Map.entry("WIN1251", "windows-1251"),
      Map.entry("WIN1252", "windows-1252"),
      Map.entry("KOI8R", "KOI8-R"),
      Map.entry("EUC_JP", "EUC-JP"),
      Map.entry("SJIS", "Shift_JIS"),
      Map.entry("GBK", "GBK"),
      Map.entry("BIG5", "Big5"));

  private ClientEncodings() {}

  /** The charset for a client_encoding value; unknown names fall back to UTF-8. */
  public static Charset forName(String clientEncoding) {
    if (clientEncoding == null) {
      return StandardCharsets.UTF_8;
    }
    String key = clientEncoding.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
    for (Map.Entry<String, String> e : JAVA_NAMES.entrySet()) {
      if (e.getKey().replace("_", "").equals(key)) {
        return Charset.forName(e.getValue());
      }
    }
    return StandardCharsets.UTF_8;
  }
}
