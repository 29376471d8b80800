package wiregate.engine.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server the gateway runs itself from bundled binaries, so no install is needed.
 *
 * <p>Everything lives in one engine directory: the binaries (bin-&lt;version&gt;), the cluster
 * (pgdata), the superuser password (engine-password) and the server's output (engine.log). The
 * server listens on loopback TCP only. The caller owns the lifecycle: nothing global is
 * registered, so the caller closes it (e.g. from a shutdown hook).
 */
public final class EmbeddedPostgres implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

  /** Fast shutdown normally takes well under a second; this bounds a checkpoint of a busy server. */
  private static final Duration FAST_SHUTDOWN_GRACE = Duration.ofSeconds(30);

  private final EngineLayout layout;
  private final Postmaster postmaster;
  private final int port;
  private final String password;
  private boolean closed;

  private EmbeddedPostgres(EngineLayout layout, Postmaster postmaster, int port, String password) {
    this.layout = layout;
    this.postmaster = postmaster;
    this.port = port;
    this.password = password;
  }

  /**
   * Installs the binaries and initializes the cluster when needed, starts the server and returns
   * once it accepts logins.
   *
   * @param engineDir where the engine keeps its files (engine.data-dir)
   * @param port loopback port to listen on, or 0 to pick a free one (engine.port)
   * @param runAs account the engine runs as when the gateway runs as root (engine.run-as)
   * @param startupTimeout how long installing, initializing and starting may take in total
   * @throws EngineStartException when the engine cannot be started; the message says why
   */
  public static EmbeddedPostgres start(Path engineDir, int port, String runAs, Duration startupTimeout) {
    Objects.requireNonNull(engineDir, "engineDir");
    Objects.requireNonNull(startupTimeout, "startupTimeout");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
    }
    long started = System.nanoTime();
    Deadline deadline = Deadline.after(startupTimeout);
    EngineLayout layout = new EngineLayout(engineDir);
    long logOffset = 0;
    try {
      layout.createEngineDir();
      logOffset = EngineLog.size(layout.logFile());
      EngineAccount account = PrivilegeDrop.accountFor(runAs, layout.engineDir());
      PostgresBinaries binaries = BinaryInstaller.install(layout);
      prepareLog(layout, account);
      String password = new ClusterInitializer(layout, binaries, account).ensureCluster(deadline);
      StalePostmaster.shutDownIfRunning(layout.pgdata(), FAST_SHUTDOWN_GRACE);
      int actualPort = choosePort(port);
      Postmaster postmaster = Postmaster.launch(binaries, layout, account, actualPort);
      awaitReady(postmaster, actualPort, password, layout, deadline, logOffset);
      log.info("embedded PostgreSQL {} ready on 127.0.0.1:{} (pid {}, data in {}) after {} ms",
          BinaryInstaller.VERSION, actualPort, postmaster.pid(), layout.pgdata(),
          (System.nanoTime() - started) / 1_000_000);
      return new EmbeddedPostgres(layout, postmaster, actualPort, password);
    } catch (IOException | UncheckedIOException e) {
      throw EngineStartException.withLogTail("could not start the embedded engine in "
          + layout.engineDir() + ": " + e, layout.logFile(), logOffset, e);
    }
  }

  /** The log is opened by the gateway, but the engine account should own what it writes. */
  private static void prepareLog(EngineLayout layout, EngineAccount account) throws IOException {
    if (!Files.exists(layout.logFile())) {
      Files.createFile(layout.logFile());
    }
    account.takeOwnership(layout.logFile());
  }

  private static int choosePort(int requested) throws IOException {
    if (requested == 0) {
      return FreePort.pick();
    }
    // postgres would also fail, but only in engine.log; this says plainly what is wrong.
    if (!FreePort.isFree(requested)) {
      throw new EngineStartException("engine.port " + requested + " is already in use on 127.0.0.1;"
          + " choose another port, or 0 to pick a free one");
    }
    return requested;
  }

  private static void awaitReady(Postmaster postmaster, int port, String password,
      EngineLayout layout, Deadline deadline, long logOffset) {
    try {
      new ReadinessProbe(postmaster, port, password).await(deadline);
    } catch (EngineStartException e) {
      postmaster.shutdown(FAST_SHUTDOWN_GRACE);
      throw EngineStartException.withLogTail(e.getMessage(), layout.logFile(), logOffset, e.getCause());
    }
  }

  public int port() {
    return port;
  }

  /** The superuser the gateway logs in as. */
  public String user() {
    return ClusterInitializer.SUPERUSER;
  }

  public String password() {
    return password;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8);
  }

  /** Version of the bundled PostgreSQL binaries, e.g. "17.7.0". */
  public String version() {
    return BinaryInstaller.VERSION;
  }

  /** Where the cluster lives, for start-up banners and error messages. */
  public Path dataDirectory() {
    return layout.pgdata();
  }

  long pid() {
    return postmaster.pid();
  }

  /** Fast shutdown; waits for it, escalating if postgres hangs. Safe to call more than once. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    log.info("stopping embedded PostgreSQL (pid {})", postmaster.pid());
    postmaster.shutdown(FAST_SHUTDOWN_GRACE);
    log.info("embedded PostgreSQL stopped");
  }
}
