package wiregate.engine.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deals with postmaster.pid left behind when a previous gateway died without stopping its engine.
 * A server still running on our data directory is shut down; a dead one is left to postgres,
 * which removes its own stale lock file.
 */
final class StalePostmaster {
  private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);

  private StalePostmaster() {}

  static void shutDownIfRunning(Path pgdata, Duration fastShutdownGrace) throws IOException {
    Path pidFile = pgdata.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    Optional<ProcessHandle> process = recordedProcess(pidFile).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      log.info("{} is left over from a previous run whose server is gone; postgres will replace it", pidFile);
      return;
    }
    if (!servesDataDirectory(process.get(), pgdata)) {
      log.warn("{} names pid {}, which is not a postgres serving {}; leaving it to postgres",
          pidFile, process.get().pid());
      return;
    }
    log.warn("a postgres from a previous run (pid {}) is still serving {}; shutting it down",
        process.get().pid(), pgdata);
    new Postmaster(process.get()).shutdown(fastShutdownGrace);
  }

  /** The first line of postmaster.pid is the postmaster's pid. */
  private static Optional<ProcessHandle> recordedProcess(Path pidFile) throws IOException {
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    try {
      return ProcessHandle.of(Long.parseLong(lines.getFirst().strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Pids get reused, so only a process that is a postgres started with -D on this very
   * directory counts; the postmaster (unlike its children) keeps its original command line.
   */
  private static boolean servesDataDirectory(ProcessHandle process, Path pgdata) {
    ProcessHandle.Info info = process.info();
    boolean isPostgres = info.command()
        .map(command -> Path.of(command).getFileName().toString().equals("postgres"))
        .orElse(false);
    List<String> arguments = info.arguments().map(List::of).orElse(List.of());
    int dataDirFlag = arguments.indexOf("-D");
    return isPostgres
        && dataDirFlag >= 0
        && dataDirFlag + 1 < arguments.size()
        && Path.of(arguments.get(dataDirFlag + 1)).toAbsolutePath().normalize().equals(pgdata);
  }
}
