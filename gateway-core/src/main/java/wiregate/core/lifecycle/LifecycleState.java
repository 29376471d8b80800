package wiregate.core.lifecycle;

/** Where the gateway is in its life. It only moves forward: RUNNING, then DRAINING, then STOPPED. */
public enum LifecycleState {
  /** Accepting new sessions and work. */
  RUNNING,
  /** Refusing new sessions and work, letting what is in flight finish. */
  DRAINING,
  /** Nothing more runs; the process is about to exit. */
  STOPPED
}
