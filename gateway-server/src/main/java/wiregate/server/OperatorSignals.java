package wiregate.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

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
    handle("HUP", () -> server.reload(), "reload with POST /v1/admin/reload instead");
    handle("TERM", () -> {
      log.info("SIGTERM: draining");
      server.drainAndStop();
    }, "stop it with SIGINT instead (no drain)");
  }

  private static void handle(String name, Runnable action, String instead) {
    try {
      SignalHandler previous = Signal.handle(new Signal(name), signal -> Thread.ofPlatform()
          .name("wiregate-sig" + name.toLowerCase()).start(action));
      if (previous == SignalHandler.SIG_IGN) {
        // A signal the parent ignores (nohup ignores SIGHUP) stays ignored: the JVM keeps that
        // disposition and installs nothing, and this is the only place that can tell.
        log.warn("SIG{} is ignored in this process (started under nohup or with the signal ignored), so it "
            + "does nothing; {}", name, instead);
      }
    } catch (IllegalArgumentException e) {
      // The platform lacks the signal, or the JVM reserves it (e.g. when run with -Xrs).
      log.warn("cannot handle SIG{} here: {}", name, e.getMessage());
    }
  }
}
