package wiregate.core.tls;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Minimal certificates with a chosen key type and signature algorithm. */
final class TestCertificates {
  private TestCertificates() {}

  record Issued(KeyPair keyPair, X509Certificate certificate) {}

  static KeyPair keyPair(String algorithm, int size) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    if (size > 0) {
      generator.initialize(size);
    }
    return generator.generateKeyPair();
  }

  static Issued selfSigned(KeyPair keyPair, String signatureAlgorithm) throws Exception {
    return selfSigned(keyPair, new JcaContentSignerBuilder(signatureAlgorithm));
  }

  static Issued selfSigned(KeyPair keyPair, JcaContentSignerBuilder signerBuilder)
      throws Exception {
    X500Name name = new X500Name("CN=test");
    Instant now = Instant.now();
    var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), name,
        keyPair.getPublic());
    var signer = signerBuilder.build(keyPair.getPrivate());
    return new Issued(keyPair,
        new JcaX509CertificateConverter().getCertificate(builder.build(signer)));
  }
}
