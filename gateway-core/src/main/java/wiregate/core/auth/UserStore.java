package wiregate.core.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's users, kept in memory and persisted to the users file. Lookups read an immutable
 * snapshot without locking, so authentication on many connections never waits on a writer; writes
 * are serialised and publish a new snapshot only once the file is safely replaced. A change to the
 * file by another process (e.g. {@code gw user add} while the gateway runs) is picked up on the next
 * lookup; a file that became unreadable keeps the last good snapshot. A change is recognised by the
 * file's modification time, size and identity (inode): writers replace the file by renaming a new
 * one over it, so two writes within one tick of a coarse file-system clock still differ in identity.
 * {@link #reload()} (SIGHUP) re-reads the file whatever its attributes say.
 */
public final class UserStore {
  private static final Logger log = LoggerFactory.getLogger(UserStore.class);

  private final UsersFile file;
  private volatile Map<String, UserRecord> users;
  private volatile FileVersion loadedVersion;

  /** What tells one state of the users file from another without reading it; null fields: no file. */
  private record FileVersion(FileTime modified, long size, Object fileKey) {}

  private UserStore(UsersFile file, Map<String, UserRecord> users, FileVersion version) {
    this.file = file;
    this.users = Map.copyOf(users);
    this.loadedVersion = version;
  }

  /** Loads the users file; a missing file is an empty store (it is created on the first put). */
  public static UserStore open(Path path) throws UsersFileException {
    UsersFile file = new UsersFile(path);
    FileVersion version = version(path);
    return new UserStore(file, file.read(), version);
  }

  private static FileVersion version(Path path) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      return new FileVersion(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
    } catch (IOException e) {
      return null; // missing: the empty store's version
    }
  }

  /**
   * Re-reads the users file now. Unlike the check on lookup, a file that cannot be read is reported
   * to the caller (a reload can then be refused); the previous users stay in either case.
   */
  public synchronized void reload() throws UsersFileException {
    FileVersion current = version(file.path());
    users = Map.copyOf(file.read());
    loadedVersion = current;
    log.info("reloaded users from {}", file.path());
  }

  private void refreshIfChanged() {
    FileVersion current = version(file.path());
    if (Objects.equals(current, loadedVersion)) {
      return;
    }
    synchronized (this) {
      if (Objects.equals(current, loadedVersion)) {
        return;
      }
      try {
        users = Map.copyOf(file.read());
        log.info("reloaded users from {}", file.path());
      } catch (UsersFileException e) {
        log.warn("keeping the previous users: {}", e.getMessage());
      }
      loadedVersion = current;
    }
  }

  public Path file() {
    return file.path();
  }

  public Optional<UserRecord> find(String name) {
    refreshIfChanged();
    return Optional.ofNullable(users.get(name));
  }

  public boolean isEmpty() {
    return users.isEmpty();
  }

  /** Adds the user, or replaces the one with the same name, and rewrites the file. */
  public synchronized void put(UserRecord user) throws IOException {
    Map<String, UserRecord> updated = new LinkedHashMap<>(users);
    updated.put(user.name(), user);
    file.write(updated.values());
    users = Map.copyOf(updated);
    loadedVersion = version(file.path());
  }

  /**
   * Adds the user only if the store has no user at all, atomically with respect to other writers.
   *
   * @return whether the user was added
   */
  public synchronized boolean putIfEmpty(UserRecord user) throws IOException {
    if (!users.isEmpty()) {
      return false;
    }
    put(user);
    return true;
  }
}
