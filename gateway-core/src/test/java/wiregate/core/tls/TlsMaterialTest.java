package wiregate.core.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wiregate.core.config.ConfigException;
import wiregate.core.config.GatewayConfig;

class TlsMaterialTest {
  @TempDir Path dir;

  private GatewayConfig config() {
    GatewayConfig config = new GatewayConfig();
    config.dataDir = dir.resolve("data").toString();
    return config;
  }

  private GatewayConfig configured(Path cert, Path key) {
    GatewayConfig config = config();
    config.tls.certFile = cert.toString();
    config.tls.keyFile = key.toString();
    return config;
  }

  @Test
  void firstStartGeneratesSelfSignedMaterialWithPrivateKeyFile() throws Exception {
    TlsMaterial material = TlsMaterial.loadOrGenerate(config());

    Path tlsDir = dir.resolve("data/tls");
    assertTrue(material.generated());
    assertEquals(tlsDir.resolve("gateway.crt"), material.certificateFile());
    assertEquals(tlsDir.resolve("gateway.key"), material.privateKeyFile());
    assertTrue(Files.isRegularFile(material.certificateFile()));
    try (var leftovers = Files.list(tlsDir)) {
      assertEquals(2, leftovers.count(), "no temporary files are left behind");
    }
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    assertEquals("rw-------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(material.privateKeyFile())));
  }

  @Test
  void generatedCertificateIsSelfSignedForLoopbackNamesAndLastsTenYears() throws Exception {
    X509Certificate cert = TlsMaterial.loadOrGenerate(config()).certificate();

    cert.verify(cert.getPublicKey());
    cert.checkValidity();
    assertEquals("EC", cert.getPublicKey().getAlgorithm());
    assertEquals(-1, cert.getBasicConstraints(), "an end-entity certificate, not a CA");
    Set<String> sans = cert.getSubjectAlternativeNames().stream()
        .map(san -> san.get(1).toString())
        .collect(Collectors.toSet());
    assertTrue(sans.containsAll(Set.of("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1")), sans::toString);
    LocalHostNames.machineHostName()
        .ifPresent(host -> assertTrue(sans.contains(host), "machine host name " + host));
    Duration validity = Duration.between(cert.getNotBefore().toInstant(),
        cert.getNotAfter().toInstant());
    assertTrue(validity.toDays() >= 3650, validity::toString);
  }

  @Test
  void secondStartReusesTheGeneratedMaterial() throws Exception {
    TlsMaterial first = TlsMaterial.loadOrGenerate(config());
    TlsMaterial second = TlsMaterial.loadOrGenerate(config());

    assertFalse(second.generated());
    assertEquals(first.certificate(), second.certificate());
    assertArrayEquals(first.privateKey().getEncoded(), second.privateKey().getEncoded());
  }

  @Test
  void leftoverKeyWithoutCertificateIsRegenerated() throws Exception {
    Path key = dir.resolve("data/tls/gateway.key");
    Files.createDirectories(key.getParent());
    Files.writeString(key, "interrupted");

    TlsMaterial material = TlsMaterial.loadOrGenerate(config());

    assertTrue(material.generated());
    assertTrue(KeyPairCheck.matches(material.privateKey(), material.certificate().getPublicKey()));
  }

  @Test
  void configuredFilesAreLoadedAndNothingIsGenerated() throws Exception {
    TlsMaterial source = TlsMaterial.loadOrGenerate(config());
    Path cert = Files.copy(source.certificateFile(), dir.resolve("server.pem"));
    Path key = Files.copy(source.privateKeyFile(), dir.resolve("server-key.pem"));
    GatewayConfig config = configured(cert, key);
    config.dataDir = dir.resolve("other-data").toString();

    TlsMaterial material = TlsMaterial.loadOrGenerate(config);

    assertFalse(material.generated());
    assertEquals(cert, material.certificateFile());
    assertEquals(key, material.privateKeyFile());
    assertEquals(source.certificate(), material.certificate());
    assertFalse(Files.exists(dir.resolve("other-data")));
  }

  @Test
  void loadsPkcs1RsaKeyAndFullChain() throws Exception {
    var leaf = TestCertificates.selfSigned(TestCertificates.keyPair("RSA", 2048), "SHA256withRSA");
    var intermediate =
        TestCertificates.selfSigned(TestCertificates.keyPair("EC", 256), "SHA256withECDSA");
    Path cert = writePem(dir.resolve("chain.pem"), leaf.certificate(), intermediate.certificate());
    // JcaPEMWriter writes a bare private key in the traditional "RSA PRIVATE KEY" layout.
    Path key = writePem(dir.resolve("rsa.key"), leaf.keyPair().getPrivate());
    assertTrue(Files.readString(key).startsWith("-----BEGIN RSA PRIVATE KEY-----"));

    TlsMaterial material = TlsMaterial.loadOrGenerate(configured(cert, key));

    assertEquals(List.of(leaf.certificate(), intermediate.certificate()),
        material.certificateChain());
    assertEquals(leaf.certificate(), material.certificate());
  }

  @Test
  void loadsSec1EcKeyFromCombinedFile() throws Exception {
    var issued = TestCertificates.selfSigned(TestCertificates.keyPair("EC", 256), "SHA256withECDSA");
    Path combined = writePem(dir.resolve("combined.pem"), sec1(issued.keyPair()),
        issued.certificate());
    assertTrue(Files.readString(combined).startsWith("-----BEGIN EC PRIVATE KEY-----"));

    TlsMaterial material = TlsMaterial.loadOrGenerate(configured(combined, combined));

    assertEquals(issued.certificate(), material.certificate());
  }

  @Test
  void garbageCertificateFileIsReportedByItsSetting() throws Exception {
    TlsMaterial source = TlsMaterial.loadOrGenerate(config());
    Path garbage = dir.resolve("garbage.pem");
    Files.writeString(garbage, "this is not a certificate\n");

    ConfigException e = assertThrows(ConfigException.class,
        () -> TlsMaterial.loadOrGenerate(configured(garbage, source.privateKeyFile())));

    assertTrue(e.getMessage().startsWith("bad value for 'tls.cert-file'"), e.getMessage());
    assertTrue(e.getMessage().contains(garbage.toString()), e.getMessage());
  }

  @Test
  void corruptedPemBlockIsReportedByItsSetting() throws Exception {
    TlsMaterial source = TlsMaterial.loadOrGenerate(config());
    Path corrupted = dir.resolve("corrupted.pem");
    Files.writeString(corrupted,
        "-----BEGIN CERTIFICATE-----\nAAAAbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");

    ConfigException e = assertThrows(ConfigException.class,
        () -> TlsMaterial.loadOrGenerate(configured(corrupted, source.privateKeyFile())));

    assertTrue(e.getMessage().startsWith("bad value for 'tls.cert-file'"), e.getMessage());
  }

  @Test
  void keyOfAnotherCertificateIsReportedAsMismatch() throws Exception {
    TlsMaterial source = TlsMaterial.loadOrGenerate(config());
    KeyPair other = TestCertificates.keyPair("EC", 256);
    Path otherKey = writePem(dir.resolve("other.key"), new JcaPKCS8Generator(other.getPrivate(), null));

    ConfigException e = assertThrows(ConfigException.class,
        () -> TlsMaterial.loadOrGenerate(configured(source.certificateFile(), otherKey)));

    assertTrue(e.getMessage().startsWith("bad value for 'tls.cert-file'"), e.getMessage());
    assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    assertTrue(e.getMessage().contains("(tls.key-file)"), e.getMessage());
  }

  @Test
  void rsaKeyForEcCertificateIsReportedAsMismatch() throws Exception {
    TlsMaterial source = TlsMaterial.loadOrGenerate(config());
    Path rsaKey = writePem(dir.resolve("rsa.key"), TestCertificates.keyPair("RSA", 2048).getPrivate());

    ConfigException e = assertThrows(ConfigException.class,
        () -> TlsMaterial.loadOrGenerate(configured(source.certificateFile(), rsaKey)));

    assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
  }

  @Test
  void missingKeyFileIsReportedByItsSetting() throws Exception {
    TlsMaterial source = TlsMaterial.loadOrGenerate(config());
    Path missing = dir.resolve("missing.key");

    ConfigException e = assertThrows(ConfigException.class,
        () -> TlsMaterial.loadOrGenerate(configured(source.certificateFile(), missing)));

    assertEquals("bad value for 'tls.key-file': cannot load a private key from " + missing
        + ": no such file", e.getMessage());
  }

  @Test
  void encryptedKeyIsRejectedWithAHint() throws Exception {
    var issued = TestCertificates.selfSigned(TestCertificates.keyPair("EC", 256), "SHA256withECDSA");
    Path cert = writePem(dir.resolve("c.pem"), issued.certificate());
    var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
        .setProvider(new BouncyCastleProvider())
        .setPassword("secret".toCharArray())
        .build();
    Path key = writePem(dir.resolve("enc.key"),
        new JcaPKCS8Generator(issued.keyPair().getPrivate(), encryptor));

    ConfigException e = assertThrows(ConfigException.class,
        () -> TlsMaterial.loadOrGenerate(configured(cert, key)));

    assertTrue(e.getMessage().startsWith("bad value for 'tls.key-file'"), e.getMessage());
    assertTrue(e.getMessage().contains("encrypted"), e.getMessage());
  }

  @Test
  void certificateWithoutKeyIsRejected() {
    GatewayConfig config = config();
    config.tls.certFile = dir.resolve("c.pem").toString();

    ConfigException e = assertThrows(ConfigException.class, () -> TlsMaterial.loadOrGenerate(config));

    assertTrue(e.getMessage().startsWith("bad value for 'tls.key-file'"), e.getMessage());
  }

  @Test
  void damagedGeneratedCertificateIsNotSilentlyReplaced() throws Exception {
    TlsMaterial source = TlsMaterial.loadOrGenerate(config());
    Files.writeString(source.certificateFile(), "damaged");

    ConfigException e = assertThrows(ConfigException.class,
        () -> TlsMaterial.loadOrGenerate(config()));

    assertTrue(e.getMessage().contains("data-dir"), e.getMessage());
    assertTrue(e.getMessage().contains("delete " + dir.resolve("data/tls")), e.getMessage());
  }

  @Test
  void toStringDoesNotRevealThePrivateKey() throws Exception {
    TlsMaterial material = TlsMaterial.loadOrGenerate(config());

    assertFalse(material.toString().contains(material.privateKey().toString()));
    assertTrue(material.toString().contains("gateway.crt"));
  }

  /**
   * The SEC1 layout OpenSSL writes (curve and public key included). Bouncy Castle's own SEC1
   * output for a JDK key omits the curve, which no real tool produces.
   */
  private static PemObject sec1(KeyPair keyPair) throws Exception {
    ECPrivateKey privateKey = (ECPrivateKey) keyPair.getPrivate();
    ASN1Encodable curve = PrivateKeyInfo.getInstance(privateKey.getEncoded())
        .getPrivateKeyAlgorithm().getParameters();
    var publicKey = SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded())
        .getPublicKeyData();
    var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, privateKey.getS(), publicKey, curve);
    return new PemObject("EC PRIVATE KEY", sec1.getEncoded());
  }

  private static Path writePem(Path file, Object... objects) throws Exception {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (Object object : objects) {
        if (object instanceof JcaPKCS8Generator generator) {
          writer.writeObject(generator);
        } else {
          writer.writeObject(object);
        }
      }
    }
    return Files.writeString(file, text.toString());
  }
}
