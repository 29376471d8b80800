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

  /** Registers a session and returns the key a client must present to cancel it. */
  public Key register(Runnable canceller) {
    int secret = random.nextInt();
    while (true) {
      int pid = 1 + random.nextInt(Integer.MAX_VALUE - 1);
      if (sessions.putIfAbsent(pid, new Entry(secret, canceller)) == null) {
        return new Key(pid, secret);
      }
    }
  }

  public void unregister(Key key) {
    sessions.remove(key.processId());
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
