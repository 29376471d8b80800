package wiregate.core.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Creates the self-signed server certificate used when the operator configured none.
 *
 * <p>The certificate is meant to be trusted directly (clients point their root-certificate
 * setting at it), so it is shaped to pass strict verifiers: it is an end-entity certificate
 * ({@code CA:FALSE}, which rustls/webpki require) that still carries subject and authority key
 * identifiers (which OpenSSL's strict mode, the default in recent Python, checks for).
 */
final class SelfSignedCertificateGenerator {
  static final Duration VALIDITY = Duration.ofDays(3650);
  /** Tolerates clients whose clocks run a little behind the gateway's. */
  private static final Duration BACKDATE = Duration.ofHours(1);
  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

  private SelfSignedCertificateGenerator() {}

  /** A freshly generated key pair and the certificate for its public key. */
  record Generated(KeyPair keyPair, X509Certificate certificate) {}

  /**
   * @param commonName the subject CN; only legacy clients that ignore SANs look at it
   * @param dnsNames host names for the subjectAltName extension
   * @param ipAddresses IP literals for the subjectAltName extension
   */
  static Generated generate(String commonName, List<String> dnsNames, List<String> ipAddresses)
      throws GeneralSecurityException {
    // EC P-256: universally supported by TLS 1.2/1.3 clients and much cheaper than RSA handshakes.
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keyPair = generator.generateKeyPair();

    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, "wiregate (self-signed)")
        .addRDN(BCStyle.CN, commonName)
        .build();
    Instant now = Instant.now();
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
        subject,
        randomSerialNumber(),
        Date.from(now.minus(BACKDATE)),
        Date.from(now.plus(VALIDITY)),
        subject,
        keyPair.getPublic());
    try {
      addExtensions(builder, keyPair, dnsNames, ipAddresses);
      ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM)
          .build(keyPair.getPrivate());
      X509Certificate certificate =
          new JcaX509CertificateConverter().getCertificate(builder.build(signer));
      return new Generated(keyPair, certificate);
    } catch (CertIOException | OperatorCreationException e) {
      throw new GeneralSecurityException("cannot build the self-signed certificate", e);
    }
  }

  private static void addExtensions(X509v3CertificateBuilder builder, KeyPair keyPair,
      List<String> dnsNames, List<String> ipAddresses)
      throws CertIOException, GeneralSecurityException {
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    builder.addExtension(Extension.extendedKeyUsage, false,
        new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    builder.addExtension(Extension.subjectKeyIdentifier, false,
        utils.createSubjectKeyIdentifier(keyPair.getPublic()));
    builder.addExtension(Extension.authorityKeyIdentifier, false,
        utils.createAuthorityKeyIdentifier(keyPair.getPublic()));
    builder.addExtension(Extension.subjectAlternativeName, false,
        subjectAlternativeNames(dnsNames, ipAddresses));
  }

  private static GeneralNames subjectAlternativeNames(List<String> dnsNames,
      List<String> ipAddresses) {
    List<GeneralName> names = new ArrayList<>();
    dnsNames.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
    ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  /** Positive and unpredictable, as RFC 5280 and the CA/B baseline recommend. */
  private static BigInteger randomSerialNumber() {
    return new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
  }
}
