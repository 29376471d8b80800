package wiregate.core.config;

/** TLS material. Without a certificate, a self-signed one is generated under the data directory. */
public final class TlsConfig {
  public String certFile;
  public String keyFile;
}
