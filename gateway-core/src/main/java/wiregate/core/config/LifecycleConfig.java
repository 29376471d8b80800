package wiregate.core.config;

/** How the gateway stops. */
public final class LifecycleConfig {
  /** After SIGTERM, how long in-flight work may take to finish before what is left is ended. */
  public int drainTimeoutMs = 30_000;
}
