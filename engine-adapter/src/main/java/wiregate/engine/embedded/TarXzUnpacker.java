package wiregate.engine.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/** Unpacks an xz-compressed tar into a directory, keeping permission bits and links. */
final class TarXzUnpacker {
  private static final PosixFilePermission[] MODE_BITS = {
    PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
    PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
    PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
  };

  private TarXzUnpacker() {}

  static void unpack(InputStream txz, Path target) throws IOException {
    // Directory modes are applied last: a read-only directory would otherwise block its own entries.
    Map<Path, Integer> directoryModes = new LinkedHashMap<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(txz, 64 * 1024)))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        Path destination = inside(target, target.resolve(entry.getName()), entry.getName());
        if (entry.isDirectory()) {
          Files.createDirectories(destination);
          directoryModes.put(destination, entry.getMode());
        } else if (entry.isSymbolicLink()) {
          Path linkTarget = Path.of(entry.getLinkName());
          inside(target, destination.getParent().resolve(linkTarget), entry.getName());
          Files.createDirectories(destination.getParent());
          Files.createSymbolicLink(destination, linkTarget);
        } else if (entry.isLink()) {
          Path existing = inside(target, target.resolve(entry.getLinkName()), entry.getName());
          Files.createDirectories(destination.getParent());
          Files.createLink(destination, existing);
        } else if (entry.isFile()) {
          Files.createDirectories(destination.getParent());
          Files.copy(tar, destination);
          Files.setPosixFilePermissions(destination, permissions(entry.getMode()));
        }
        // Devices and FIFOs never occur in the PostgreSQL bundle; there is nothing to do with them.
      }
    }
    for (Map.Entry<Path, Integer> directory : directoryModes.entrySet()) {
      Files.setPosixFilePermissions(directory.getKey(), permissions(directory.getValue()));
    }
  }

  /** Rejects entries that would land outside the target ("zip slip"). */
  private static Path inside(Path target, Path candidate, String entryName) throws IOException {
    Path normalized = candidate.normalize();
    if (!normalized.startsWith(target)) {
      throw new IOException("archive entry " + entryName + " points outside " + target);
    }
    return normalized;
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    for (int bit = 0; bit < MODE_BITS.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        permissions.add(MODE_BITS[bit]);
      }
    }
    return permissions;
  }
}
