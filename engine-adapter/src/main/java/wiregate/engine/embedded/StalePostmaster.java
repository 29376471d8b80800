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
 * which removes its own stale lock file, once the dead server's children have let go of its shared
 * memory (after a SIGKILL they linger briefly, and postgres refuses to start while they do).
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
      awaitSharedMemoryDetached(pidFile, fastShutdownGrace);
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

  /**
   * Line 7 of postmaster.pid holds the server's System V shared memory key and id; the kernel's
   * table (/proc/sysvipc/shm) says how many processes are still attached to it.
   */
  private static void awaitSharedMemoryDetached(Path pidFile, Duration timeout) throws IOException {
    List<String> lines = Files.readAllLines(pidFile);
    String[] shm = lines.size() >= 7 ? lines.get(6).strip().split("\\s+") : new String[0];
    if (shm.length != 2) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean logged = false;
    while (attachedProcesses(shm[1]) > 0 && System.nanoTime() < deadline) {
      if (!logged) {
        log.info("waiting for the previous server's processes to detach from its shared memory");
        logged = true;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** nattch of the segment with this id, 0 when it is gone or the table cannot be read. */
  private static int attachedProcesses(String shmid) {
    Path table = Path.of("/proc/sysvipc/shm");
    try {
      for (String row : Files.readAllLines(table)) {
        String[] fields = row.strip().split("\\s+");
        if (fields.length > 6 && fields[1].equals(shmid)) {
          return Integer.parseInt(fields[6]);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
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
