package wiregate.core.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's users, kept in memory and persisted to the users file. Lookups read an immutable
 * snapshot without locking, so authentication on many connections never waits on a writer; writes
 * are serialised and publish a new snapshot only once the file is safely replaced.
 */
public final class UserStore {
  private final UsersFile file;
  private volatile Map<String, UserRecord> users;

  private UserStore(UsersFile file, Map<String, UserRecord> users) {
    this.file = file;
    this.users = Map.copyOf(users);
  }

  /** Loads the users file; a missing file is an empty store (it is created on the first put). */
  public static UserStore open(Path path) throws UsersFileException {
    UsersFile file = new UsersFile(path);
    return new UserStore(file, file.read());
  }

  public Path file() {
    return file.path();
  }

  public Optional<UserRecord> find(String name) {
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
