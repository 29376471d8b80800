package wiregate.core.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScramVerifierTest {
  // RFC 7677 section 3 example exchange (user "user", password "pencil").
  private static final byte[] RFC_SALT = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
  private static final String RFC_AUTH_MESSAGE = "n=user,r=rOprNGfwEbeRWgbNEkqO,"
      + "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,"
      + "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
  private static final String RFC_CLIENT_PROOF = "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
  private static final String ZERO_KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  private static final String RFC_SERVER_SIGNATURE = "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

  @Test
  void derivationMatchesAnIndependentComputation() throws Exception {
    ScramVerifier verifier = ScramVerifier.derive("pencil", RFC_SALT, 4096);

    SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
    byte[] salted = pbkdf2.generateSecret(new PBEKeySpec("pencil".toCharArray(), RFC_SALT, 4096, 256))
        .getEncoded();
    byte[] clientKey = hmac(salted, "Client Key");
    assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(clientKey), verifier.storedKey());
    assertArrayEquals(hmac(salted, "Server Key"), verifier.serverKey());
    assertEquals(4096, verifier.iterations());
    assertArrayEquals(RFC_SALT, verifier.salt());
  }

  @Test
  void keysReproduceTheRfc7677ExampleExchange() throws Exception {
    ScramVerifier verifier = ScramVerifier.derive("pencil", RFC_SALT, 4096);

    // The RFC's client proof must verify against our StoredKey ...
    byte[] signature = hmac(verifier.storedKey(), RFC_AUTH_MESSAGE);
    byte[] proof = Base64.getDecoder().decode(RFC_CLIENT_PROOF);
    byte[] clientKey = new byte[proof.length];
    for (int i = 0; i < proof.length; i++) {
      clientKey[i] = (byte) (proof[i] ^ signature[i]);
    }
    assertArrayEquals(verifier.storedKey(), MessageDigest.getInstance("SHA-256").digest(clientKey));
    // ... and our ServerKey must produce the RFC's server signature.
    assertEquals(RFC_SERVER_SIGNATURE,
        Base64.getEncoder().encodeToString(hmac(verifier.serverKey(), RFC_AUTH_MESSAGE)));
  }

  @Test
  void textFormRoundTrips() {
    ScramVerifier verifier = ScramVerifier.create("s3cret", 4096, new SecureRandom());
    String text = verifier.text();

    String b64 = "[A-Za-z0-9+/=]";
    assertTrue(text.matches("SCRAM-SHA-256\\$4096:" + b64 + "{24}\\$" + b64 + "{44}:" + b64 + "{44}"), text);
    assertEquals(verifier, ScramVerifier.parse(text));
    assertEquals(text, ScramVerifier.parse(text).text());
  }

  @Test
  void parsesAVerifierInPostgresqlsForm() {
    ScramVerifier verifier = ScramVerifier.derive("pencil", RFC_SALT, 4096);
    String text = "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$"
        + Base64.getEncoder().encodeToString(verifier.storedKey()) + ":"
        + Base64.getEncoder().encodeToString(verifier.serverKey());

    assertEquals(verifier, ScramVerifier.parse(text));
    assertEquals(text, verifier.text());
  }

  @Test
  void createUsesA16ByteRandomSalt() {
    SecureRandom random = new SecureRandom();
    ScramVerifier a = ScramVerifier.create("same", 4096, random);
    ScramVerifier b = ScramVerifier.create("same", 4096, random);

    assertEquals(16, a.salt().length);
    assertFalse(a.equals(b), "two verifiers of one password must differ by salt");
  }

  @Test
  void matchesOnlyTheRightPassword() {
    ScramVerifier verifier = ScramVerifier.create("correct horse", 4096, new SecureRandom());

    assertTrue(verifier.matchesPassword("correct horse"));
    assertFalse(verifier.matchesPassword("correct horse "));
    assertFalse(verifier.matchesPassword(""));
    assertFalse(verifier.matchesPassword(null));
  }

  @Test
  void passwordIsSaslPrepped() {
    // RFC 4013 section 3: SOFT HYPHEN maps to nothing, so "I\u00ADX" and "IX" are one password.
    ScramVerifier verifier = ScramVerifier.create("I\u00ADX", 4096, new SecureRandom());

    assertTrue(verifier.matchesPassword("IX"));
  }

  @Test
  void passwordThatSaslPrepRejectsIsUsedAsIs() {
    // U+0007 is prohibited by SASLprep; PostgreSQL then hashes the raw password instead of failing.
    ScramVerifier verifier = ScramVerifier.create("bell\u0007", 4096, new SecureRandom());

    assertTrue(verifier.matchesPassword("bell\u0007"));
    assertFalse(verifier.matchesPassword("bell"));
  }

  @Test
  void toStringHidesTheKeys() {
    ScramVerifier verifier = ScramVerifier.derive("pencil", RFC_SALT, 4096);

    assertFalse(verifier.toString().contains(Base64.getEncoder().encodeToString(verifier.storedKey())));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "md5abc",
      "SCRAM-SHA-1$4096:c2FsdA==$a:b",
      "SCRAM-SHA-256$0:W22ZaJ0SNY7soEsUEjb6gQ==$" + ZERO_KEY + ":" + ZERO_KEY,
      "SCRAM-SHA-256$99999999999:W22ZaJ0SNY7soEsUEjb6gQ==$" + ZERO_KEY + ":" + ZERO_KEY,
      "SCRAM-SHA-256$4096:not*base64$" + ZERO_KEY + ":" + ZERO_KEY,
      "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$AAAA:" + ZERO_KEY,
      "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$" + ZERO_KEY,
  })
  void rejectsMalformedText(String text) {
    assertThrows(IllegalArgumentException.class, () -> ScramVerifier.parse(text));
  }

  private static byte[] hmac(byte[] key, String message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
  }
}
