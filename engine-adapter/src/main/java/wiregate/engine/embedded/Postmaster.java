package wiregate.engine.embedded;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running PostgreSQL server process: ours, or one left behind by an earlier run. */
final class Postmaster {
  private static final Logger log = LoggerFactory.getLogger(Postmaster.class);

  /** After SIGQUIT postgres exits within moments; this only bounds a wedged process. */
  private static final Duration IMMEDIATE_GRACE = Duration.ofSeconds(5);

  private final ProcessHandle process;

  Postmaster(ProcessHandle process) {
    this.process = process;
  }

  static Postmaster launch(PostgresBinaries binaries, EngineLayout layout, EngineAccount account, int port)
      throws IOException {
    List<String> argv = List.of(binaries.postgres().toString(),
        "-D", layout.pgdata().toString(),
        "-p", Integer.toString(port),
        "-c", "listen_addresses=127.0.0.1",
        // No socket files: the gateway connects over loopback TCP only.
        "-c", "unix_socket_directories=");
    return new Postmaster(EngineCommand.builder(argv, account, layout).start().toHandle());
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Fast shutdown (SIGINT: abort sessions, checkpoint, exit), escalating to immediate shutdown
   * (SIGQUIT) and finally SIGKILL when postgres does not exit in time. Never SIGKILL first: that
   * leaves the server's children running and its shared memory attached.
   */
  void shutdown(Duration fastShutdownGrace) {
    if (!process.isAlive()) {
      return;
    }
    if (signal("INT") && awaitExit(fastShutdownGrace)) {
      return;
    }
    log.warn("postgres (pid {}) did not finish a fast shutdown within {}; sending SIGQUIT",
        pid(), fastShutdownGrace);
    if (signal("QUIT") && awaitExit(IMMEDIATE_GRACE)) {
      return;
    }
    log.warn("postgres (pid {}) ignored SIGQUIT; killing it", pid());
    process.destroyForcibly();
    awaitExit(IMMEDIATE_GRACE);
  }

  /** The JDK cannot send SIGINT or SIGQUIT, so kill(1) does; it also reaches setpriv'd processes as root. */
  private boolean signal(String signal) {
    SystemCommand.Result result = SystemCommand.run(List.of("kill", "-s", signal, Long.toString(pid())));
    if (!result.succeeded() && process.isAlive()) {
      log.warn("could not send SIG{} to postgres (pid {}): {}", signal, pid(), result.output());
      return false;
    }
    return true;
  }

  private boolean awaitExit(Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      // Keep the interrupt for the caller but do not wait any longer: escalate instead.
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }
}
