package wiregate.core.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;

/**
 * The {@code tls-server-end-point} channel binding of RFC 5929, section 4: a hash of the server
 * certificate's DER encoding. SCRAM-SHA-256-PLUS binds authentication to the TLS session with it,
 * so the hash must be chosen exactly as clients (libpq, pgjdbc) choose it.
 */
public final class TlsServerEndPoint {
  public static final String CHANNEL_BINDING_TYPE = "tls-server-end-point";

  private static final String RSASSA_PSS = "1.2.840.113549.1.1.10";

  /** Signature algorithm OID to the JCA name of the hash it uses. */
  private static final Map<String, String> SIGNATURE_HASHES = Map.ofEntries(
      Map.entry("1.2.840.113549.1.1.4", "MD5"), // md5WithRSAEncryption
      Map.entry("1.2.840.113549.1.1.5", "SHA-1"), // sha1WithRSAEncryption
      Map.entry("1.2.840.10045.4.1", "SHA-1"), // ecdsa-with-SHA1
      Map.entry("1.2.840.10040.4.3", "SHA-1"), // dsa-with-sha1
      Map.entry("1.2.840.113549.1.1.14", "SHA-224"), // sha224WithRSAEncryption
      Map.entry("1.2.840.113549.1.1.11", "SHA-256"), // sha256WithRSAEncryption
      Map.entry("1.2.840.113549.1.1.12", "SHA-384"), // sha384WithRSAEncryption
      Map.entry("1.2.840.113549.1.1.13", "SHA-512"), // sha512WithRSAEncryption
      Map.entry("1.2.840.10045.4.3.1", "SHA-224"), // ecdsa-with-SHA224
      Map.entry("1.2.840.10045.4.3.2", "SHA-256"), // ecdsa-with-SHA256
      Map.entry("1.2.840.10045.4.3.3", "SHA-384"), // ecdsa-with-SHA384
      Map.entry("1.2.840.10045.4.3.4", "SHA-512"), // ecdsa-with-SHA512
      Map.entry("2.16.840.1.101.3.4.3.1", "SHA-224"), // dsa-with-sha224
      Map.entry("2.16.840.1.101.3.4.3.2", "SHA-256"), // dsa-with-sha256
      Map.entry("2.16.840.1.101.3.4.3.10", "SHA3-256"), // ecdsa-with-sha3-256
      Map.entry("2.16.840.1.101.3.4.3.11", "SHA3-384"), // ecdsa-with-sha3-384
      Map.entry("2.16.840.1.101.3.4.3.12", "SHA3-512"), // ecdsa-with-sha3-512
      Map.entry("2.16.840.1.101.3.4.3.14", "SHA3-256"), // rsa-with-sha3-256
      Map.entry("2.16.840.1.101.3.4.3.15", "SHA3-384"), // rsa-with-sha3-384
      Map.entry("2.16.840.1.101.3.4.3.16", "SHA3-512")); // rsa-with-sha3-512

  /** Hash OIDs that may appear in RSASSA-PSS parameters. */
  private static final Map<String, String> HASHES = Map.of(
      "1.3.14.3.2.26", "SHA-1",
      "2.16.840.1.101.3.4.2.4", "SHA-224",
      "2.16.840.1.101.3.4.2.1", "SHA-256",
      "2.16.840.1.101.3.4.2.2", "SHA-384",
      "2.16.840.1.101.3.4.2.3", "SHA-512");

  private TlsServerEndPoint() {}

  /**
   * The JCA digest name to hash {@code certificate} with: the hash of its signature algorithm,
   * upgraded to SHA-256 when that is MD5 or SHA-1. Empty when RFC 5929 leaves it undefined
   * (signatures without a single hash, such as Ed25519); then SCRAM-PLUS must not be offered.
   */
  public static Optional<String> hashAlgorithm(X509Certificate certificate) {
    return signatureHash(certificate)
        .map(hash -> hash.equals("MD5") || hash.equals("SHA-1") ? "SHA-256" : hash);
  }

  /** The channel binding data for {@code certificate}, empty when {@link #hashAlgorithm} is. */
  public static Optional<byte[]> bindingData(X509Certificate certificate) {
    Optional<String> algorithm = hashAlgorithm(certificate);
    if (algorithm.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(MessageDigest.getInstance(algorithm.get()).digest(certificate.getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks the mandatory digest " + algorithm.get(), e);
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a parsed certificate has no DER encoding", e);
    }
  }

  private static Optional<String> signatureHash(X509Certificate certificate) {
    String oid = certificate.getSigAlgOID();
    if (RSASSA_PSS.equals(oid)) {
      return pssHash(certificate.getSigAlgParams());
    }
    return Optional.ofNullable(SIGNATURE_HASHES.get(oid));
  }

  /** RSASSA-PSS names its hash in the parameters; absent parameters mean SHA-1 (RFC 4055). */
  private static Optional<String> pssHash(byte[] encodedParams) {
    if (encodedParams == null) {
      return Optional.of("SHA-1");
    }
    try {
      RSASSAPSSparams params = RSASSAPSSparams.getInstance(encodedParams);
      return Optional.ofNullable(HASHES.get(params.getHashAlgorithm().getAlgorithm().getId()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
