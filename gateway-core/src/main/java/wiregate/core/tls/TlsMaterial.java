package wiregate.core.tls;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import wiregate.core.config.ConfigException;
import wiregate.core.config.GatewayConfig;

/**
 * The server's TLS identity, shared by every listener.
 *
 * @param certificateFile PEM file holding {@link #certificateChain()}
 * @param privateKeyFile PEM file holding {@link #privateKey()}
 * @param certificateChain the server certificate first, then any intermediates
 * @param privateKey the key belonging to the server certificate
 * @param generated whether this start created the files (a self-signed certificate)
 */
public record TlsMaterial(
    Path certificateFile,
    Path privateKeyFile,
    List<X509Certificate> certificateChain,
    PrivateKey privateKey,
    boolean generated) {

  public TlsMaterial {
    Objects.requireNonNull(certificateFile, "certificateFile");
    Objects.requireNonNull(privateKeyFile, "privateKeyFile");
    Objects.requireNonNull(privateKey, "privateKey");
    certificateChain = List.copyOf(certificateChain);
    if (certificateChain.isEmpty()) {
      throw new IllegalArgumentException("the certificate chain must not be empty");
    }
  }

  /**
   * Loads {@code tls.cert-file}/{@code tls.key-file} when configured; otherwise uses
   * {@code <data-dir>/tls/gateway.crt} and {@code gateway.key}, generating a self-signed pair there
   * on first start.
   *
   * @throws ConfigException naming the offending setting when the material is unreadable or the
   *     key does not belong to the certificate
   */
  public static TlsMaterial loadOrGenerate(GatewayConfig config) throws ConfigException {
    return TlsMaterialLoader.loadOrGenerate(config);
  }

  /** The server (leaf) certificate; the one tls-server-end-point channel binding hashes. */
  public X509Certificate certificate() {
    return certificateChain.get(0);
  }

  /** Keeps the private key out of logs and exception messages. */
  @Override
  public String toString() {
    return "TlsMaterial[certificateFile=" + certificateFile
        + ", privateKeyFile=" + privateKeyFile
        + ", subject=" + certificate().getSubjectX500Principal().getName()
        + ", generated=" + generated + "]";
  }
}
