package wiregate.core.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Netty {@link SslContext}s the listeners terminate TLS with.
 *
 * <p>BoringSSL (netty-tcnative) is preferred because its handshakes and record processing are
 * markedly cheaper than the JDK's; the JDK provider keeps the gateway working on platforms
 * without a tcnative build.
 */
public final class ServerTlsContexts {
  private static final Logger log = LoggerFactory.getLogger(ServerTlsContexts.class);
  /** TLS 1.0/1.1 are deprecated (RFC 8996); every supported client speaks 1.2 or 1.3. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private ServerTlsContexts() {}

  /** A server context without ALPN, for listeners that serve a single protocol. */
  public static SslContext forServer(TlsMaterial material) throws SSLException {
    return forServer(material, List.of());
  }

  /**
   * A server context that negotiates ALPN among {@code alpnProtocols}, in server preference
   * order (e.g. {@code "postgresql"}, {@code "h2"}, {@code "http/1.1"}); read the outcome with
   * {@code SslHandler.applicationProtocol()}, which is {@code null} when none was agreed.
   *
   * <p>Clients that send no ALPN, or only protocols not listed, are still accepted: the
   * autodetecting listener then falls back to sniffing the first plaintext bytes instead of
   * failing a handshake that older drivers could never complete.
   */
  public static SslContext forServer(TlsMaterial material, List<String> alpnProtocols)
      throws SSLException {
    return forServer(material, alpnProtocols, preferredProvider(!alpnProtocols.isEmpty()));
  }

  /** Builds with an explicit provider; lets tests cover the JDK fallback on tcnative machines. */
  static SslContext forServer(TlsMaterial material, List<String> alpnProtocols,
      SslProvider provider) throws SSLException {
    log.debug("building a server TLS context with provider {} and ALPN {}", provider,
        alpnProtocols);
    return SslContextBuilder
        .forServer(material.privateKey(), material.certificateChain().toArray(X509Certificate[]::new))
        .sslProvider(provider)
        .protocols(PROTOCOLS)
        .applicationProtocolConfig(alpn(alpnProtocols))
        .build();
  }

  /** OpenSSL (BoringSSL) when tcnative loaded and can do what is asked, else the JDK. */
  public static SslProvider preferredProvider(boolean needsAlpn) {
    if (!OpenSsl.isAvailable()) {
      log.info("netty-tcnative is unavailable ({}); using the JDK TLS provider",
          OpenSsl.unavailabilityCause().toString());
      return SslProvider.JDK;
    }
    if (needsAlpn && !SslProvider.isAlpnSupported(SslProvider.OPENSSL)) {
      log.info("the OpenSSL TLS provider lacks ALPN support; using the JDK TLS provider");
      return SslProvider.JDK;
    }
    return SslProvider.OPENSSL;
  }

  private static ApplicationProtocolConfig alpn(List<String> protocols) {
    if (protocols.isEmpty()) {
      return ApplicationProtocolConfig.DISABLED;
    }
    // NO_ADVERTISE + ACCEPT: on no overlap select nothing and carry on. It is also the only
    // combination the OpenSSL provider supports for ALPN.
    return new ApplicationProtocolConfig(Protocol.ALPN, SelectorFailureBehavior.NO_ADVERTISE,
        SelectedListenerFailureBehavior.ACCEPT, protocols);
  }
}
