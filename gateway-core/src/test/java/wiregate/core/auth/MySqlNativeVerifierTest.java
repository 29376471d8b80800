package wiregate.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class MySqlNativeVerifierTest {
  @Test
  void textFormIsMySqlsAuthenticationString() {
    // SELECT PASSWORD('password') on MySQL 5.7 / the well-known native hash of "password".
    assertEquals("*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19", MySqlNativeVerifier.create("password").text());
    MySqlNativeVerifier parsed = MySqlNativeVerifier.parse("*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19");
    assertEquals(MySqlNativeVerifier.create("password"), parsed);
    assertFalse(parsed.toString().contains("2470"));
  }

  @Test
  void rejectsMalformedText() {
    assertThrows(IllegalArgumentException.class, () -> MySqlNativeVerifier.parse("2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19"));
    assertThrows(IllegalArgumentException.class, () -> MySqlNativeVerifier.parse("*2470c0c06dee42fd1618bb99005adca2ec9d1e19"));
    assertThrows(IllegalArgumentException.class, () -> MySqlNativeVerifier.parse("*00"));
  }

  @Test
  void verifiesTheClientsScrambleLikeAMySqlClientComputesIt() {
    byte[] scramble = new byte[20];
    new SecureRandom().nextBytes(scramble);
    MySqlNativeVerifier verifier = MySqlNativeVerifier.create("s3cret");

    assertTrue(verifier.verifyScramble(scramble, clientScramble("s3cret", scramble)));
    assertFalse(verifier.verifyScramble(scramble, clientScramble("wrong", scramble)));
    assertFalse(verifier.verifyScramble(scramble, new byte[0]));
    assertFalse(verifier.verifyScramble(scramble, null));
  }

  /** The client side of mysql_native_password: SHA1(pw) XOR SHA1(scramble || SHA1(SHA1(pw))). */
  private static byte[] clientScramble(String password, byte[] scramble) {
    byte[] stage1 = MySqlNativeVerifier.sha1(password.getBytes(StandardCharsets.UTF_8));
    byte[] stage2 = MySqlNativeVerifier.sha1(stage1);
    byte[] both = new byte[40];
    System.arraycopy(scramble, 0, both, 0, 20);
    System.arraycopy(stage2, 0, both, 20, 20);
    byte[] mask = MySqlNativeVerifier.sha1(both);
    byte[] out = new byte[20];
    for (int i = 0; i < 20; i++) {
      out[i] = (byte) (stage1[i] ^ mask[i]);
    }
    return out;
  }
}
