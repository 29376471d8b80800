package wiregate.engine.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Where the embedded engine keeps its files inside the engine directory. */
record EngineLayout(Path engineDir) {
  EngineLayout {
    engineDir = engineDir.toAbsolutePath().normalize();
  }

  Path binaries(String version) {
    return engineDir.resolve("bin-" + version);
  }

  /** Extraction happens here first, so a crash mid-way never looks like a complete install. */
  Path binariesStaging(String version) {
    return engineDir.resolve("bin-" + version + ".partial");
  }

  Path pgdata() {
    return engineDir.resolve("pgdata");
  }

  /** initdb runs here first, so a crash mid-way never looks like an initialized cluster. */
  Path pgdataStaging() {
    return engineDir.resolve("pgdata.initdb");
  }

  Path passwordFile() {
    return engineDir.resolve("engine-password");
  }

  Path logFile() {
    return engineDir.resolve("engine.log");
  }

  /**
   * Creates the engine directory if needed. A directory we create gets rwx--x--x so that an
   * unprivileged engine account can traverse it even under a strict umask; it only needs to
   * reach pgdata and the binaries, never to list the directory.
   */
  void createEngineDir() throws IOException {
    if (Files.isDirectory(engineDir)) {
      return;
    }
    Files.createDirectories(engineDir);
    Files.setPosixFilePermissions(engineDir, PosixFilePermissions.fromString("rwx--x--x"));
  }
}
