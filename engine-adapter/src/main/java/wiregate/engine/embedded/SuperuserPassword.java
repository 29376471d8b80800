package wiregate.engine.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/** The engine superuser's password and the owner-only file that keeps it across restarts. */
final class SuperuserPassword {
  private static final int RANDOM_BYTES = 24;

  private SuperuserPassword() {}

  /** URL-safe base64: no quotes, spaces or newlines that could trip up a password file. */
  static String generate() {
    byte[] bytes = new byte[RANDOM_BYTES];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String read(Path file) throws IOException {
    String password = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (password.isEmpty()) {
      throw new EngineStartException(file + " is empty; it should hold the engine superuser's password");
    }
    return password;
  }

  /** Writes atomically, and creates the file owner-only so the password is never readable by others. */
  static void write(Path file, String password) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    Files.createFile(temp, ownerOnly());
    Files.writeString(temp, password + "\n", StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  }
}
