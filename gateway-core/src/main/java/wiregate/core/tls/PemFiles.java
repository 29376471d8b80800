package wiregate.core.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes the PEM files holding certificates and private keys.
 *
 * <p>Bouncy Castle's parser is used instead of Netty's because it understands every key layout
 * operators commonly have on disk: PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY})
 * and SEC1 ({@code EC PRIVATE KEY}). Objects of the other kind are skipped, so a single combined
 * file can serve as both certificate and key file.
 */
final class PemFiles {
  private static final Set<PosixFilePermission> OWNER_READ_WRITE =
      PosixFilePermissions.fromString("rw-------");

  private PemFiles() {}

  /** All certificates in the file, in file order (leaf first by convention). */
  static List<X509Certificate> readCertificateChain(Path file) throws IOException {
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    List<X509Certificate> chain = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        if (object instanceof X509CertificateHolder holder) {
          chain.add(converter.getCertificate(holder));
        }
      }
    } catch (CertificateException e) {
      throw new IOException("not a valid X.509 certificate: " + e.getMessage(), e);
    } catch (IllegalArgumentException | IllegalStateException e) {
      // The parser reports malformed ASN.1 inside a well-formed PEM block with runtime exceptions.
      throw new IOException("malformed PEM content: " + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new IOException("no '-----BEGIN CERTIFICATE-----' block found; the file must be PEM");
    }
    return chain;
  }

  /** The first private key in the file. */
  static PrivateKey readPrivateKey(Path file) throws IOException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        if (object instanceof PrivateKeyInfo pkcs8) {
          return converter.getPrivateKey(pkcs8);
        }
        if (object instanceof PEMKeyPair traditional) {
          // Only the private half: SEC1 keys may omit the public key, which getKeyPair needs.
          return converter.getPrivateKey(traditional.getPrivateKeyInfo());
        }
        if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
          // There is no passphrase setting: an unattended gateway would have to store it in clear.
          throw new IOException("the private key is encrypted, which is not supported; decrypt it,"
              + " e.g. with 'openssl pkey -in " + file + " -out <new file>'");
        }
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IOException("malformed PEM content: " + e.getMessage(), e);
    }
    throw new IOException("no '-----BEGIN ... PRIVATE KEY-----' block found; the file must be PEM");
  }

  static void writeCertificate(Path file, X509Certificate certificate) throws IOException {
    writeAtomically(file, false, writer -> writer.writeObject(certificate));
  }

  /** Writes the key as unencrypted PKCS#8, readable and writable by the owner only. */
  static void writePrivateKey(Path file, PrivateKey key) throws IOException {
    writeAtomically(file, true, writer -> writer.writeObject(new JcaPKCS8Generator(key, null)));
  }

  private interface PemContent {
    void writeTo(JcaPEMWriter writer) throws IOException;
  }

  /**
   * Writes next to the target and renames, so an interrupted start never leaves a truncated file
   * that the next start would have to diagnose. The temporary file is created owner-only from the
   * start, so the key is never briefly readable by others.
   */
  private static void writeAtomically(Path file, boolean ownerOnly, PemContent content)
      throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path temp = ownerOnly && supportsPosix(dir)
        ? Files.createTempFile(dir, file.getFileName().toString(), ".tmp",
            ownerReadWrite())
        : Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.US_ASCII);
          JcaPEMWriter writer = new JcaPEMWriter(out)) {
        content.writeTo(writer);
      }
      if (!ownerOnly && supportsPosix(dir)) {
        // Temporary files start out owner-only; a certificate is public and tools may need it.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      moveIntoPlace(temp, file);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void moveIntoPlace(Path temp, Path file) throws IOException {
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static boolean supportsPosix(Path dir) throws IOException {
    return Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
  }

  private static FileAttribute<Set<PosixFilePermission>> ownerReadWrite() {
    return PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE);
  }
}
