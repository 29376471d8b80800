package wiregate.core.lifecycle;

import java.util.Optional;

/**
 * Whether new work may start. Protocol front-ends ask before a new session begins and answer a
 * refusal in their own protocol's terms; the HTTP surface asks before a new query. The answer is a
 * token that counts the work as in flight until it is closed.
 */
public interface Admission {
  /**
   * Admits one piece of work of this kind, or refuses it (empty) because the gateway is draining.
   *
   * @param kind what is starting, e.g. {@code postgres}, {@code mysql}, {@code async-query}
   * @param onTerminate ends the work early when a drain runs out of time; must not block
   */
  Optional<InFlight.Token> admit(String kind, Runnable onTerminate);

  /** Admits everything; for tests and tools that run without a lifecycle. */
  static Admission always() {
    InFlight untracked = new InFlight();
    return (kind, onTerminate) -> Optional.of(untracked.register(kind, onTerminate));
  }
}
