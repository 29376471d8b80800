package wiregate.core.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wiregate.core.model.SqlState;

class CleartextPasswordCheckTest {
  @TempDir
  Path dir;

  private CleartextPasswordCheck check;

  @BeforeEach
  void setUp() throws Exception {
    SecureRandom random = new SecureRandom();
    UserStore store = UserStore.open(dir.resolve("users.yaml"));
    new UserAdmin(store, 4096, random).addUser("alice", "right");
    check = new CleartextPasswordCheck(store, DecoyVerifiers.withRandomSecret(random, 4096));
  }

  @Test
  void acceptsTheRightPassword() {
    assertDoesNotThrow(() -> check.verify("alice", "right"));
  }

  @Test
  void rejectsAWrongPasswordAndAnUnknownUserAlike() {
    AuthenticationFailedException wrong =
        assertThrows(AuthenticationFailedException.class, () -> check.verify("alice", "wrong"));
    AuthenticationFailedException unknown =
        assertThrows(AuthenticationFailedException.class, () -> check.verify("bob", "right"));

    assertEquals(SqlState.INVALID_PASSWORD, wrong.sqlState());
    assertEquals(SqlState.INVALID_PASSWORD, unknown.sqlState());
    assertThrows(AuthenticationFailedException.class, () -> check.verify("alice", ""));
  }
}
