package wiregate.core.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.util.Optional;

/**
 * Tells whether a private key belongs to a certificate's public key.
 *
 * <p>Checked at startup because a mismatch otherwise surfaces only as an obscure handshake
 * failure on the first client connection.
 */
final class KeyPairCheck {
  private static final byte[] PROBE = "wiregate key pair check".getBytes(StandardCharsets.US_ASCII);

  private KeyPairCheck() {}

  static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    // Comparing moduli is exact and also covers RSASSA-PSS keys, whose signatures need parameters.
    if (privateKey instanceof RSAKey rsaPrivate && publicKey instanceof RSAKey rsaPublic) {
      return rsaPrivate.getModulus().equals(rsaPublic.getModulus());
    }
    if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
      return false;
    }
    Optional<String> algorithm = probeSignatureAlgorithm(privateKey.getAlgorithm());
    if (algorithm.isEmpty()) {
      // An exotic key type we cannot probe; the TLS handshake will be the judge.
      return true;
    }
    try {
      Signature signer = Signature.getInstance(algorithm.get());
      signer.initSign(privateKey);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm.get());
      verifier.initVerify(publicKey);
      verifier.update(PROBE);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      // E.g. keys on different EC curves: certainly not a pair.
      return false;
    }
  }

  private static Optional<String> probeSignatureAlgorithm(String keyAlgorithm) {
    return switch (keyAlgorithm) {
      case "EC" -> Optional.of("SHA256withECDSA");
      case "DSA" -> Optional.of("SHA256withDSA");
      case "Ed25519", "Ed448", "EdDSA" -> Optional.of(keyAlgorithm);
      default -> Optional.empty();
    };
  }
}
