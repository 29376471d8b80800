package wiregate.engine.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the engine directory holds a database cluster and its superuser password: runs
 * initdb on the first start only, and reuses both afterwards so data survives restarts.
 */
final class ClusterInitializer {
  private static final Logger log = LoggerFactory.getLogger(ClusterInitializer.class);

  static final String SUPERUSER = "postgres";

  /** C.UTF-8 gives Unicode-aware upper()/lower() with byte-order collation; not every libc has it. */
  private static final List<String> UNICODE_LOCALE = List.of("--locale=C.UTF-8");
  private static final List<String> NO_LOCALE = List.of("--no-locale");

  private final EngineLayout layout;
  private final PostgresBinaries binaries;
  private final EngineAccount account;

  ClusterInitializer(EngineLayout layout, PostgresBinaries binaries, EngineAccount account) {
    this.layout = layout;
    this.binaries = binaries;
    this.account = account;
  }

  /** Returns the superuser password of the (possibly new) cluster in pgdata. */
  String ensureCluster(Deadline deadline) throws IOException {
    if (!Files.exists(layout.pgdata())) {
      return initialize(deadline);
    }
    if (!Files.exists(layout.passwordFile())) {
      throw new EngineStartException(layout.pgdata() + " exists but " + layout.passwordFile()
          + " is missing, so the gateway cannot log in to it. Restore that file, or remove "
          + layout.pgdata() + " to start over with an empty cluster.");
    }
    account.takeOwnershipOfTree(layout.pgdata());
    return SuperuserPassword.read(layout.passwordFile());
  }

  private String initialize(Deadline deadline) throws IOException {
    long started = System.nanoTime();
    String password = SuperuserPassword.generate();
    Path staging = layout.pgdataStaging();
    Path pwfile = Files.createTempFile(layout.engineDir(), "initdb-", ".pw", SuperuserPassword.ownerOnly());
    try {
      Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
      account.takeOwnership(pwfile);
      if (!runInitdb(staging, pwfile, UNICODE_LOCALE, deadline)) {
        log.warn("initdb rejected locale C.UTF-8 on this system; initializing with --no-locale");
        runInitdb(staging, pwfile, NO_LOCALE, deadline);
      }
    } finally {
      Files.deleteIfExists(pwfile);
    }
    // Password first: a crash between the two moves then just means initializing again.
    SuperuserPassword.write(layout.passwordFile(), password);
    Files.move(staging, layout.pgdata(), StandardCopyOption.ATOMIC_MOVE);
    log.info("initialized a new PostgreSQL cluster in {} ({} ms)",
        layout.pgdata(), (System.nanoTime() - started) / 1_000_000);
    return password;
  }

  /**
   * Runs initdb into a fresh staging directory. Returns false only when it failed over the
   * locale, so the caller can fall back; any other failure throws.
   */
  private boolean runInitdb(Path staging, Path pwfile, List<String> localeArgs, Deadline deadline)
      throws IOException {
    FileTrees.deleteIfExists(staging);
    Files.createDirectory(staging, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------")));
    account.takeOwnership(staging);

    List<String> argv = new ArrayList<>(List.of(binaries.initdb().toString(),
        "-D", staging.toString(), "-U", SUPERUSER, "--auth=scram-sha-256",
        "--pwfile=" + pwfile, "-E", "UTF8", "--no-instructions"));
    argv.addAll(localeArgs);
    long logOffset = EngineLog.size(layout.logFile());
    Process initdb = EngineCommand.builder(argv, account, layout).start();
    int exitCode = awaitExit(initdb, deadline, logOffset);
    if (exitCode == 0) {
      return true;
    }
    String output = EngineLog.readFrom(layout.logFile(), logOffset);
    if (localeArgs.equals(UNICODE_LOCALE) && output.contains("locale")) {
      return false;
    }
    throw EngineStartException.withLogTail(
        "initdb failed with exit code " + exitCode, layout.logFile(), logOffset, null);
  }

  private int awaitExit(Process initdb, Deadline deadline, long logOffset) {
    try {
      if (initdb.waitFor(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS)) {
        return initdb.exitValue();
      }
      initdb.destroyForcibly();
      throw EngineStartException.withLogTail("initdb did not finish within the start-up timeout of "
          + deadline.describeBudget(), layout.logFile(), logOffset, null);
    } catch (InterruptedException e) {
      initdb.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new EngineStartException("interrupted while initdb was running", e);
    }
  }
}
