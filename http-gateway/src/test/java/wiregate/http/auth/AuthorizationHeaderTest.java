package wiregate.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AuthorizationHeaderTest {
  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void basicSplitsAtTheFirstColonAndReadsUtf8() throws Exception {
    assertEquals(new Credentials.Basic("alice", "pa:ss wörd"),
        AuthorizationHeader.parse("Basic " + b64("alice:pa:ss wörd")));
    assertEquals(new Credentials.Basic("bob", ""), AuthorizationHeader.parse("basic " + b64("bob:")));
  }

  @Test
  void bearerIsOneWordAndSchemesAreCaseInsensitive() throws Exception {
    assertEquals(new Credentials.Bearer("wgt_ab_cd"), AuthorizationHeader.parse("BEARER wgt_ab_cd"));
    assertThrows(AuthorizationHeader.Malformed.class, () -> AuthorizationHeader.parse("Bearer a b"));
    assertThrows(AuthorizationHeader.Malformed.class, () -> AuthorizationHeader.parse("Bearer"));
  }

  @Test
  void malformedHeadersAreRefusedWithoutEchoingSecrets() {
    AuthorizationHeader.Malformed e = assertThrows(AuthorizationHeader.Malformed.class,
        () -> AuthorizationHeader.parse("Basic " + b64("no-colon-secret")));
    assertEquals("Basic credentials must be user:password", e.getMessage());
    assertThrows(AuthorizationHeader.Malformed.class, () -> AuthorizationHeader.parse("Basic %%%"));
    assertThrows(AuthorizationHeader.Malformed.class, () -> AuthorizationHeader.parse("Digest x=1"));
    String latin1 = Base64.getEncoder().encodeToString(new byte[] {'a', ':', (byte) 0xE9});
    assertThrows(AuthorizationHeader.Malformed.class, () -> AuthorizationHeader.parse("Basic " + latin1));
  }
}
