package wiregate.core.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * lookup; a file that became unreadable keeps the last good snapshot.
 */
public final class UserStore {
  private static final Logger log = LoggerFactory.getLogger(UserStore.class);

  private final UsersFile file;
  private volatile Map<String, UserRecord> users;
  private volatile FileTime loadedVersion;

  private UserStore(UsersFile file, Map<String, UserRecord> users, FileTime version) {
    this.file = file;
    this.users = Map.copyOf(users);
    this.loadedVersion = version;
  }

  /** Loads the users file; a missing file is an empty store (it is created on the first put). */
  public static UserStore open(Path path) throws UsersFileException {
    UsersFile file = new UsersFile(path);
    FileTime version = modified(path);
    return new UserStore(file, file.read(), version);
  }

  private static FileTime modified(Path path) {
    try {
      return Files.getLastModifiedTime(path);
    } catch (IOException e) {
      return null; // missing: the empty store's version
    }
  }

  private void refreshIfChanged() {
    FileTime current = modified(file.path());
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
    loadedVersion = modified(file.path());
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
