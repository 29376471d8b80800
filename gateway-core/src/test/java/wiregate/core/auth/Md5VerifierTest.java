package wiregate.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Md5VerifierTest {
  private static final byte[] SALT = {(byte) 0x9a, 0x01, 0x7f, (byte) 0xe3};

  @Test
  void verifierIsMd5OfPasswordThenUser() throws Exception {
    assertEquals("md5" + md5Hex("secretalice".getBytes(StandardCharsets.UTF_8)),
        Md5Verifier.create("alice", "secret").text());
  }

  @Test
  void acceptsTheResponseLibpqComputes() throws Exception {
    Md5Verifier verifier = Md5Verifier.create("alice", "secret");

    assertTrue(verifier.verifyResponse(libpqResponse("alice", "secret", SALT), SALT));
  }

  @Test
  void rejectsWrongPasswordWrongSaltAndOddInput() throws Exception {
    Md5Verifier verifier = Md5Verifier.create("alice", "secret");
    byte[] otherSalt = {1, 2, 3, 4};

    assertFalse(verifier.verifyResponse(libpqResponse("alice", "Secret", SALT), SALT));
    assertFalse(verifier.verifyResponse(libpqResponse("alice", "secret", otherSalt), SALT));
    assertFalse(verifier.verifyResponse(libpqResponse("bob", "secret", SALT), SALT));
    assertFalse(verifier.verifyResponse("", SALT));
    assertFalse(verifier.verifyResponse(null, SALT));
    assertThrows(IllegalArgumentException.class, () -> verifier.verifyResponse("md5", new byte[3]));
  }

  @Test
  void rejectsMalformedText() {
    assertThrows(IllegalArgumentException.class, () -> new Md5Verifier("md5"));
    assertThrows(IllegalArgumentException.class, () -> new Md5Verifier("md5" + "A".repeat(32)));
    assertThrows(IllegalArgumentException.class, () -> new Md5Verifier("SCRAM-SHA-256$4096:x$y:z"));
  }

  @Test
  void toStringHidesTheHash() {
    Md5Verifier verifier = Md5Verifier.create("alice", "secret");

    assertFalse(verifier.toString().contains(verifier.text().substring(3)));
  }

  /** As libpq's pg_password_sendauth: pg_md5_encrypt(password, user), then again with the salt. */
  private static String libpqResponse(String user, String password, byte[] salt) throws Exception {
    String first = md5Hex((password + user).getBytes(StandardCharsets.UTF_8));
    byte[] firstHex = first.getBytes(StandardCharsets.US_ASCII);
    byte[] salted = new byte[firstHex.length + salt.length];
    System.arraycopy(firstHex, 0, salted, 0, firstHex.length);
    System.arraycopy(salt, 0, salted, firstHex.length, salt.length);
    return "md5" + md5Hex(salted);
  }

  private static String md5Hex(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
  }
}
