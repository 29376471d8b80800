package wiregate.core.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ongres.scram.common.util.TlsServerEndpoint;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import wiregate.core.config.GatewayConfig;

class TlsServerEndPointTest {
  @TempDir Path dataDir;

  @Test
  void generatedCertificateIsHashedWithSha256OfItsDerEncoding() throws Exception {
    GatewayConfig config = new GatewayConfig();
    config.dataDir = dataDir.toString();
    X509Certificate cert = TlsMaterial.loadOrGenerate(config).certificate();

    byte[] expected = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
    assertEquals(Optional.of("SHA-256"), TlsServerEndPoint.hashAlgorithm(cert));
    assertArrayEquals(expected, TlsServerEndPoint.bindingData(cert).orElseThrow());
  }

  @ParameterizedTest
  @CsvSource({
      "RSA, 2048, SHA1withRSA, SHA-256",
      "RSA, 2048, SHA256withRSA, SHA-256",
      "RSA, 2048, SHA384withRSA, SHA-384",
      "RSA, 2048, SHA512withRSA, SHA-512",
      "EC, 256, SHA1withECDSA, SHA-256",
      "EC, 384, SHA384withECDSA, SHA-384",
      "EC, 521, SHA512withECDSA, SHA-512",
  })
  void hashFollowsTheSignatureAlgorithmButNeverBelowSha256(String keyAlgorithm, int keySize,
      String signatureAlgorithm, String expectedHash) throws Exception {
    X509Certificate cert = TestCertificates.selfSigned(
        TestCertificates.keyPair(keyAlgorithm, keySize), signatureAlgorithm).certificate();

    assertEquals(Optional.of(expectedHash), TlsServerEndPoint.hashAlgorithm(cert));
    // The client side of SCRAM-SHA-256-PLUS in pgjdbc computes the binding with this library.
    assertArrayEquals(TlsServerEndpoint.getChannelBindingData(cert),
        TlsServerEndPoint.bindingData(cert).orElseThrow());
  }

  @Test
  void rsassaPssUsesTheHashNamedInItsParameters() throws Exception {
    var keyPair = TestCertificates.keyPair("RSA", 2048);
    // The JDK has no name for PSS with fixed parameters; a private BC instance signs it.
    var signer = new JcaContentSignerBuilder("SHA384withRSAandMGF1")
        .setProvider(new BouncyCastleProvider());
    X509Certificate cert = TestCertificates.selfSigned(keyPair, signer).certificate();

    assertEquals("1.2.840.113549.1.1.10", cert.getSigAlgOID());
    assertEquals(Optional.of("SHA-384"), TlsServerEndPoint.hashAlgorithm(cert));
  }

  @Test
  void ed25519HasNoDefinedBinding() throws Exception {
    X509Certificate cert = TestCertificates.selfSigned(
        TestCertificates.keyPair("Ed25519", 0), "Ed25519").certificate();

    assertEquals(Optional.empty(), TlsServerEndPoint.hashAlgorithm(cert));
    assertEquals(Optional.empty(), TlsServerEndPoint.bindingData(cert));
  }
}
