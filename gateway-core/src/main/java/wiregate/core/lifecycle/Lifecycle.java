package wiregate.core.lifecycle;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's state (RUNNING, DRAINING, STOPPED) and the gate new work passes through. Admission
 * and the switch to DRAINING take the same lock, so no work can slip in after a drain has started
 * and begun counting what is left. The lock is held only for a state check and a set insertion, so
 * admitting from a Netty event loop is fine.
 */
public final class Lifecycle implements Admission {
  private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);

  private final InFlight inFlight;
  private final Object lock = new Object();
  private volatile LifecycleState state = LifecycleState.RUNNING;

  public Lifecycle(InFlight inFlight) {
    this.inFlight = inFlight;
  }

  public InFlight inFlight() {
    return inFlight;
  }

  public LifecycleState state() {
    return state;
  }

  /** For {@code /readyz}: ready only while running; a draining gateway wants no new clients. */
  public boolean isReady() {
    return state == LifecycleState.RUNNING;
  }

  /** For {@code /v1/admin/can-stop}: true when nothing is in flight, so stopping loses no work. */
  public boolean canStop() {
    return inFlight.isEmpty();
  }

  @Override
  public Optional<InFlight.Token> admit(String kind, Runnable onTerminate) {
    synchronized (lock) {
      if (state != LifecycleState.RUNNING) {
        return Optional.empty();
      }
      return Optional.of(inFlight.register(kind, onTerminate));
    }
  }

  /**
   * Stops admitting new work.
   *
   * @return true if this call started the drain, false if it was already draining or stopped
   */
  public boolean beginDrain() {
    synchronized (lock) {
      if (state != LifecycleState.RUNNING) {
        return false;
      }
      state = LifecycleState.DRAINING;
    }
    log.info("draining: new sessions are refused; in flight: {}", inFlight.byKind());
    return true;
  }

  public void stopped() {
    synchronized (lock) {
      state = LifecycleState.STOPPED;
    }
  }
}
