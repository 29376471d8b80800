package wiregate.core.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DecoyVerifiersTest {
  @Test
  void stablePerNameAndDifferentAcrossNamesAndSecrets() {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) 7);
    DecoyVerifiers decoys = new DecoyVerifiers(secret, 4096);
    DecoyVerifiers sameSecret = new DecoyVerifiers(secret.clone(), 4096);
    DecoyVerifiers otherSecret = DecoyVerifiers.withRandomSecret(new SecureRandom(), 4096);

    ScramVerifier mallory = decoys.forUser("mallory");

    assertEquals(mallory, decoys.forUser("mallory"));
    assertEquals(mallory, sameSecret.forUser("mallory"));
    assertFalse(Arrays.equals(mallory.salt(), decoys.forUser("trudy").salt()));
    assertFalse(Arrays.equals(mallory.salt(), otherSecret.forUser("mallory").salt()));
  }

  @Test
  void looksLikeARealVerifier() {
    ScramVerifier decoy = DecoyVerifiers.withRandomSecret(new SecureRandom(), 8192).forUser("x");

    assertEquals(8192, decoy.iterations());
    assertEquals(ScramVerifier.SALT_LENGTH, decoy.salt().length);
    assertArrayEquals(decoy.salt(), ScramVerifier.parse(decoy.text()).salt());
  }

  @Test
  void refusesAShortSecret() {
    assertThrows(IllegalArgumentException.class, () -> new DecoyVerifiers(new byte[16], 4096));
  }

  @Test
  void secretFileKeepsDecoysStableAcrossRestarts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = dir.resolve("auth-secret");
    java.security.SecureRandom random = new java.security.SecureRandom();
    ScramVerifier first = DecoyVerifiers.fromSecretFile(file, random, 4096).forUser("ghost");
    ScramVerifier again = DecoyVerifiers.fromSecretFile(file, random, 4096).forUser("ghost");
    org.junit.jupiter.api.Assertions.assertEquals(first, again);
    org.junit.jupiter.api.Assertions.assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        java.nio.file.Files.getPosixFilePermissions(file)));
  }
}
