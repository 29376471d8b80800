package wiregate.core.session;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions that can be cancelled from another connection (PostgreSQL CancelRequest, MySQL KILL QUERY),
 * keyed by a process id and guarded by a random secret.
 */
public final class CancelRegistry {
  private final SecureRandom random = new SecureRandom();
  private final Map<Integer, Entry> sessions = new ConcurrentHashMap<>();

  public record Key(int processId, int secret) {}

  private record Entry(int secret, Runnable canceller) {}

  /**
   * Registers a session under its process id (in session pool mode the engine backend's, so that
   * pg_backend_pid() and notification senders match what the client was told; in transaction pool
   * mode one the gateway issued) and returns the key a client must present
   * to cancel it. A stale entry under the same id (a closed session's) is replaced.
   */
  public Key register(int processId, Runnable canceller) {
    int secret = random.nextInt();
    sessions.put(processId, new Entry(secret, canceller));
    return new Key(processId, secret);
  }

  public void unregister(Key key) {
    sessions.computeIfPresent(key.processId(), (pid, entry) -> entry.secret() == key.secret() ? null : entry);
  }

  /** Cancels when the key matches; a wrong secret is silently ignored, as PostgreSQL does. */
  public boolean cancel(int processId, int secret) {
    Entry entry = sessions.get(processId);
    if (entry == null || entry.secret() != secret) {
      return false;
    }
    entry.canceller().run();
    return true;
  }
}
