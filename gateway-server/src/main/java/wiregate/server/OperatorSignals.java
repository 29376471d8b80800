package wiregate.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The signals an operator sends a running gateway: SIGHUP reloads the configuration, SIGTERM drains
 * and stops (a second SIGTERM stops at once). Handling SIGTERM replaces the JVM's default exit, so
 * the drain decides when the process ends; other exits (SIGINT, System.exit) still run the shutdown
 * hook, which closes without draining. The work runs on threads of its own, because a signal
 * handler should return at once.
 */
final class OperatorSignals {
  private static final Logger log = LoggerFactory.getLogger(OperatorSignals.class);

  private OperatorSignals() {}

  static void install(GatewayServer server) {
    handle("HUP", () -> server.reload());
    handle("TERM", () -> {
      log.info("SIGTERM: draining");
      server.drainAndStop();
    });
  }

  private static void handle(String name, Runnable action) {
    try {
      Signal.handle(new Signal(name), signal -> Thread.ofPlatform().name("wiregate-sig" + name.toLowerCase())
          .start(action));
    } catch (IllegalArgumentException e) {
      // The platform lacks the signal, or the JVM reserves it (e.g. when run with -Xrs).
      log.warn("cannot handle SIG{} here: {}", name, e.getMessage());
    }
  }
}
