package wiregate.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserAdminTest {
  @TempDir
  Path dir;

  @Test
  void addUserStoresVerifiersForThePassword() throws Exception {
    UserStore store = UserStore.open(dir.resolve("users.yaml"));
    UserAdmin admin = new UserAdmin(store, 5000, new SecureRandom());

    UserRecord alice = admin.addUser("alice", "s3cret");

    assertEquals(Optional.of(alice), store.find("alice"));
    assertEquals(Optional.of(alice), UserStore.open(store.file()).find("alice"));
    assertEquals(5000, alice.scram().iterations());
    assertTrue(alice.scram().matchesPassword("s3cret"));
    assertEquals(Md5Verifier.create("alice", "s3cret"), alice.md5());
    assertEquals(Optional.of(MySqlNativeVerifier.create("s3cret")), alice.mysqlNativeVerifier());
  }

  @Test
  void rejectsBadNamesWithAClearMessage() throws Exception {
    UserAdmin admin = new UserAdmin(UserStore.open(dir.resolve("users.yaml")), 4096, new SecureRandom());

    assertRejected(admin, "", "must not be empty");
    assertRejected(admin, null, "must not be empty");
    assertRejected(admin, "bad\nname", "control characters");
    assertRejected(admin, "tab\tname", "control characters");
    assertRejected(admin, "x".repeat(64), "at most 63 bytes");
    assertRejected(admin, "é".repeat(32), "at most 63 bytes"); // 32 characters, 64 bytes
    admin.addUser("x".repeat(63), "pw");
  }

  @Test
  void rejectsEmptyPasswords() throws Exception {
    UserAdmin admin = new UserAdmin(UserStore.open(dir.resolve("users.yaml")), 4096, new SecureRandom());

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> admin.addUser("alice", ""));
    assertTrue(e.getMessage().contains("password"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> admin.addUser("alice", "a\0b"));
  }

  @Test
  void bootstrapCreatesOneUserWithARandomPasswordOnlyWhenEmpty() throws Exception {
    UserStore store = UserStore.open(dir.resolve("users.yaml"));
    UserAdmin admin = new UserAdmin(store, 4096, new SecureRandom());

    Optional<String> password = admin.bootstrapIfEmpty("postgres");

    assertTrue(password.isPresent());
    assertTrue(password.get().matches("[A-Za-z0-9_-]{20}"), password.get());
    assertTrue(store.find("postgres").orElseThrow().scram().matchesPassword(password.get()));
    assertEquals(Optional.empty(), admin.bootstrapIfEmpty("postgres"));
    assertEquals(Optional.empty(), admin.bootstrapIfEmpty("other"));
    assertEquals(Optional.empty(), store.find("other"));
    assertTrue(store.find("postgres").orElseThrow().scram().matchesPassword(password.get()),
        "a second bootstrap must not change the first user's password");
  }

  @Test
  void bootstrapDoesNothingWhenAnotherUserExists() throws Exception {
    UserStore store = UserStore.open(dir.resolve("users.yaml"));
    UserAdmin admin = new UserAdmin(store, 4096, new SecureRandom());
    admin.addUser("alice", "pw");

    assertEquals(Optional.empty(), admin.bootstrapIfEmpty("postgres"));
    assertFalse(store.find("postgres").isPresent());
  }

  @Test
  void bootstrapPasswordsDiffer() throws Exception {
    String first = new UserAdmin(UserStore.open(dir.resolve("a.yaml")), 4096, new SecureRandom())
        .bootstrapIfEmpty("postgres").orElseThrow();
    String second = new UserAdmin(UserStore.open(dir.resolve("b.yaml")), 4096, new SecureRandom())
        .bootstrapIfEmpty("postgres").orElseThrow();

    assertFalse(first.equals(second));
  }

  private static void assertRejected(UserAdmin admin, String name, String expected) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> admin.addUser(name, "pw"));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
