package wiregate.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserStoreTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir
  Path dir;

  @Test
  void missingFileIsAnEmptyStore() throws Exception {
    UserStore store = UserStore.open(dir.resolve("users.yaml"));

    assertTrue(store.isEmpty());
    assertEquals(Optional.empty(), store.find("alice"));
  }

  @Test
  void putThenReloadGivesTheSameUsers() throws Exception {
    Path file = dir.resolve("sub/users.yaml");
    UserStore store = UserStore.open(file);
    UserRecord alice = user("alice", "pw1");
    UserRecord bob = user("bob", "pw2");

    store.put(alice);
    store.put(bob);
    UserStore reloaded = UserStore.open(file);

    assertEquals(Optional.of(alice), reloaded.find("alice"));
    assertEquals(Optional.of(bob), reloaded.find("bob"));
    assertFalse(reloaded.isEmpty());
  }

  @Test
  void putReplacesAUserOfTheSameName() throws Exception {
    Path file = dir.resolve("users.yaml");
    UserStore store = UserStore.open(file);
    store.put(user("alice", "old"));
    UserRecord changed = user("alice", "new");

    store.put(changed);

    assertEquals(Optional.of(changed), store.find("alice"));
    assertEquals(Optional.of(changed), UserStore.open(file).find("alice"));
  }

  @Test
  void fileIsReadableByItsOwnerOnlyAndHasNoLeftovers() throws Exception {
    Path file = dir.resolve("users.yaml");
    UserStore store = UserStore.open(file);

    store.put(user("alice", "pw"));
    store.put(user("bob", "pw"));

    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "temporary files must not be left behind");
    }
  }

  @Test
  void fileHasTheDocumentedShapeAndNoPassword() throws Exception {
    Path file = dir.resolve("users.yaml");
    UserRecord alice = user("alice", "hunter2");
    UserStore.open(file).put(alice);

    String text = Files.readString(file);

    assertTrue(text.startsWith("# wiregate users: verifiers only, never passwords\n"), text);
    assertTrue(text.contains("users:\n  alice:\n    scram-sha-256: \"" + alice.scram().text() + "\"\n"
        + "    md5: \"" + alice.md5().text() + "\"\n"), text);
    assertFalse(text.contains("hunter2"));
  }

  @Test
  void readsAHandWrittenFile() throws Exception {
    UserRecord alice = user("alice", "pw");
    Path file = write("""
        # comment
        users:
          alice:
            md5: %s
            scram-sha-256: '%s'
        """.formatted(alice.md5().text(), alice.scram().text()));

    assertEquals(Optional.of(alice), UserStore.open(file).find("alice"));
  }

  @Test
  void mysqlNativeVerifierIsOptionalAndRoundTrips() throws Exception {
    Path file = dir.resolve("users.yaml");
    UserRecord old = user("old", "pw"); // written before the MySQL protocol: no native verifier
    UserRecord bob = new UserRecord("bob", old.scram(), Md5Verifier.create("bob", "pw"),
        MySqlNativeVerifier.create("pw"));
    UserStore store = UserStore.open(file);
    store.put(old);
    store.put(bob);

    UserStore reloaded = UserStore.open(file);

    assertEquals(Optional.of(bob), reloaded.find("bob"));
    assertEquals(Optional.empty(), reloaded.find("old").orElseThrow().mysqlNativeVerifier());
    assertTrue(Files.readString(file).contains("    mysql-native: \"" + bob.mysqlNative().text() + "\"\n"));
    String scram = old.scram().text();
    String md5 = old.md5().text();
    assertMalformed("users:\n  alice:\n    scram-sha-256: \"" + scram + "\"\n    md5: \"" + md5 + "\"\n"
        + "    mysql-native: \"*00\"\n", "user 'alice': 'mysql-native' is not a valid verifier");
  }

  @Test
  void awkwardNamesSurviveTheRoundTrip() throws Exception {
    Path file = dir.resolve("users.yaml");
    UserStore store = UserStore.open(file);
    List<String> names = List.of("a: b", "#x", "- y", "true", "123", "null", "~", "'q\"", "Zoë 🐘");
    for (String name : names) {
      store.put(user(name, "pw"));
    }

    UserStore reloaded = UserStore.open(file);

    for (String name : names) {
      assertEquals(store.find(name), reloaded.find(name), name);
    }
  }

  @Test
  void emptyFileOrEmptyUsersIsAnEmptyStore() throws Exception {
    assertTrue(UserStore.open(write("")).isEmpty());
    assertTrue(UserStore.open(write("users:\n")).isEmpty());
    assertTrue(UserStore.open(write("users: {}\n")).isEmpty());
  }

  @Test
  void malformedFilesAreReportedWithFileAndUser() throws Exception {
    String scram = user("alice", "pw").scram().text();
    String md5 = user("alice", "pw").md5().text();

    assertMalformed("users: [\n", "not valid YAML");
    assertMalformed("- alice\n", "expected a mapping");
    assertMalformed("people: {}\n", "unknown key 'people'");
    assertMalformed("users: alice\n", "'users' must map");
    assertMalformed("users:\n  alice: yes\n", "user 'alice'");
    assertMalformed("users:\n  alice:\n    md5: \"" + md5 + "\"\n",
        "user 'alice': 'scram-sha-256' is missing");
    assertMalformed("users:\n  alice:\n    scram-sha-256: \"" + scram + "\"\n",
        "user 'alice': 'md5' is missing");
    assertMalformed("users:\n  alice:\n    scram-sha-256: \"SCRAM-SHA-256$1:x\"\n    md5: \"" + md5 + "\"\n",
        "user 'alice': 'scram-sha-256' is not a valid verifier");
    assertMalformed("users:\n  alice:\n    scram-sha-256: \"" + scram + "\"\n    md5: \"md5zz\"\n",
        "user 'alice': 'md5' is not a valid verifier");
    assertMalformed("users:\n  alice:\n    scram-sha-256: \"" + scram + "\"\n    md5: \"" + md5 + "\"\n"
        + "    password: \"oops\"\n", "user 'alice': unknown key 'password'");
    assertMalformed("users:\n  alice:\n    scram-sha-256: 42\n    md5: \"" + md5 + "\"\n",
        "user 'alice': 'scram-sha-256' must be a string");
    assertMalformed("users:\n  \"\":\n    scram-sha-256: \"" + scram + "\"\n    md5: \"" + md5 + "\"\n",
        "user '': user name must not be empty");
    String entry = ":\n    scram-sha-256: \"" + scram + "\"\n    md5: \"" + md5 + "\"\n";
    assertMalformed("users:\n  alice" + entry + "  alice" + entry, "Duplicate field 'alice'");
  }

  private void assertMalformed(String content, String expectedInMessage) throws IOException {
    Path file = write(content);
    UsersFileException e = assertThrows(UsersFileException.class, () -> UserStore.open(file), content);
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
  }

  private Path write(String content) throws IOException {
    return Files.writeString(Files.createTempFile(dir, "users", ".yaml"), content);
  }

  private static UserRecord user(String name, String password) {
    return new UserRecord(name, ScramVerifier.create(password, 4096, RANDOM),
        Md5Verifier.create(name, password));
  }
}
