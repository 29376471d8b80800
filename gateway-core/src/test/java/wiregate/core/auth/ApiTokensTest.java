package wiregate.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokensTest {
  @TempDir
  Path dir;
  private final SecureRandom random = new SecureRandom();

  @Test
  void aCreatedTokenIdentifiesItsUserAndOnlyItsHashIsStored() throws Exception {
    ApiTokens tokens = ApiTokens.besideUsersFile(dir.resolve("users.yaml"));
    assertEquals(dir.resolve("api-tokens.yaml"), tokens.file());
    String token = tokens.create("alice", random);
    assertTrue(token.startsWith("wgt_"), token);
    assertEquals(Optional.of("alice"), tokens.userFor(token));
    String file = Files.readString(tokens.file());
    // wgt_<hex id>_<base64url secret>: the secret itself may contain '_'
    String secret = token.substring(token.indexOf('_', "wgt_".length()) + 1);
    assertFalse(file.contains(secret), "the secret must not be stored");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens.file())));
  }

  @Test
  void wrongMalformedAndRevokedTokensIdentifyNobody() throws Exception {
    ApiTokens tokens = new ApiTokens(dir.resolve("api-tokens.yaml"));
    String token = tokens.create("alice", random);
    assertEquals(Optional.empty(), tokens.userFor(token + "x"));
    assertEquals(Optional.empty(), tokens.userFor("wgt_"));
    assertEquals(Optional.empty(), tokens.userFor("nonsense"));
    assertEquals(Optional.empty(), tokens.userFor(null));
    String id = tokens.list().get(0).id();
    assertTrue(tokens.revoke(id));
    assertFalse(tokens.revoke(id));
    assertEquals(Optional.empty(), tokens.userFor(token));
  }

  @Test
  void anotherProcessesChangeIsSeenOnTheNextLookup() throws Exception {
    ApiTokens gateway = new ApiTokens(dir.resolve("api-tokens.yaml"));
    assertEquals(Optional.empty(), gateway.userFor("wgt_00_x"));
    String token = new ApiTokens(dir.resolve("api-tokens.yaml")).create("bob", random); // e.g. gw token create
    assertEquals(Optional.of("bob"), gateway.userFor(token));
  }
}
