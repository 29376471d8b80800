package wiregate.core.tls;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.core.config.ConfigException;
import wiregate.core.config.GatewayConfig;

/** Decides where the TLS material comes from, and loads, checks or generates it. */
final class TlsMaterialLoader {
  private static final Logger log = LoggerFactory.getLogger(TlsMaterialLoader.class);
  static final String CERT_SETTING = "tls.cert-file";
  static final String KEY_SETTING = "tls.key-file";
  static final String DEFAULT_CERT_FILE = "tls/gateway.crt";
  static final String DEFAULT_KEY_FILE = "tls/gateway.key";

  private TlsMaterialLoader() {}

  static TlsMaterial loadOrGenerate(GatewayConfig config) throws ConfigException {
    boolean certSet = isSet(config.tls.certFile);
    boolean keySet = isSet(config.tls.keyFile);
    if (certSet != keySet) {
      throw new ConfigException("bad value for '" + (certSet ? KEY_SETTING : CERT_SETTING)
          + "': " + CERT_SETTING + " and " + KEY_SETTING + " must be set together");
    }
    Path cert = config.resolve(config.tls.certFile, DEFAULT_CERT_FILE);
    Path key = config.resolve(config.tls.keyFile, DEFAULT_KEY_FILE);
    if (certSet) {
      return load(cert, key, Origin.CONFIGURED);
    }
    if (Files.exists(cert)) {
      // Never silently replace an existing certificate: clients may already trust it.
      return load(cert, key, Origin.DATA_DIR);
    }
    // A key without a certificate is left over from an interrupted first start (the key is
    // written first), so generating over it loses nothing.
    return generate(cert, key);
  }

  /** Where the files came from; decides how error messages tell the operator what to fix. */
  private enum Origin {
    CONFIGURED,
    DATA_DIR;

    String problem(String setting, Path file, String what) {
      return switch (this) {
        case CONFIGURED -> "bad value for '" + setting + "': " + what;
        case DATA_DIR -> "unusable TLS material under 'data-dir': " + what + "; delete "
            + file.getParent() + " to have a new self-signed certificate generated, or configure "
            + CERT_SETTING + "/" + KEY_SETTING;
      };
    }

    String label(String setting, Path file) {
      return this == CONFIGURED ? file + " (" + setting + ")" : file.toString();
    }
  }

  private static TlsMaterial load(Path cert, Path key, Origin origin) throws ConfigException {
    List<X509Certificate> chain;
    try {
      chain = PemFiles.readCertificateChain(cert);
    } catch (IOException e) {
      throw new ConfigException(origin.problem(CERT_SETTING, cert,
          "cannot load a certificate from " + cert + ": " + reason(e)), e);
    }
    PrivateKey privateKey;
    try {
      privateKey = PemFiles.readPrivateKey(key);
    } catch (IOException e) {
      throw new ConfigException(origin.problem(KEY_SETTING, key,
          "cannot load a private key from " + key + ": " + reason(e)), e);
    }
    X509Certificate leaf = chain.get(0);
    if (!KeyPairCheck.matches(privateKey, leaf.getPublicKey())) {
      throw new ConfigException(origin.problem(CERT_SETTING, cert,
          "the private key in " + origin.label(KEY_SETTING, key)
              + " does not belong to the first certificate in " + origin.label(CERT_SETTING, cert)));
    }
    warnIfOutsideValidity(leaf, cert);
    return new TlsMaterial(cert, key, chain, privateKey, false);
  }

  private static TlsMaterial generate(Path cert, Path key) throws ConfigException {
    Optional<String> hostName = LocalHostNames.machineHostName();
    SelfSignedCertificateGenerator.Generated generated;
    try {
      generated = SelfSignedCertificateGenerator.generate(
          hostName.orElse(LocalHostNames.LOCALHOST),
          LocalHostNames.dnsNames(hostName),
          LocalHostNames.LOOPBACK_ADDRESSES);
    } catch (GeneralSecurityException e) {
      throw new ConfigException("cannot generate a self-signed TLS certificate: " + e.getMessage(),
          e);
    }
    try {
      Files.createDirectories(cert.getParent());
      PemFiles.writePrivateKey(key, generated.keyPair().getPrivate());
      PemFiles.writeCertificate(cert, generated.certificate());
    } catch (IOException e) {
      throw new ConfigException("bad value for 'data-dir': cannot write the generated TLS"
          + " certificate to " + cert.getParent() + ": " + reason(e), e);
    }
    log.info("generated a self-signed TLS certificate at {}; point clients' root certificate"
        + " setting at it, or configure tls.cert-file/tls.key-file", cert);
    return new TlsMaterial(cert, key, List.of(generated.certificate()),
        generated.keyPair().getPrivate(), true);
  }

  /** Expiry is the operator's call (and some clients do not verify), so it only warns. */
  private static void warnIfOutsideValidity(X509Certificate certificate, Path file) {
    try {
      certificate.checkValidity();
    } catch (CertificateExpiredException e) {
      log.warn("the TLS certificate in {} expired on {}; verifying clients will reject it", file,
          certificate.getNotAfter());
    } catch (CertificateNotYetValidException e) {
      log.warn("the TLS certificate in {} is not valid before {}; verifying clients will reject it",
          file, certificate.getNotBefore());
    }
  }

  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage();
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }
}
