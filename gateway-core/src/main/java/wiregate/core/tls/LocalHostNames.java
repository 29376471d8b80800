package wiregate.core.tls;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The names under which clients typically reach a gateway running on this machine. */
final class LocalHostNames {
  private static final Logger log = LoggerFactory.getLogger(LocalHostNames.class);
  /** What a dNSName SAN may hold; anything else (e.g. non-ASCII) would make a broken certificate. */
  private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]*");
  static final String LOCALHOST = "localhost";
  static final List<String> LOOPBACK_ADDRESSES = List.of("127.0.0.1", "::1");

  private LocalHostNames() {}

  /** {@code localhost} plus this machine's host name when it is known. */
  static List<String> dnsNames(Optional<String> machineHostName) {
    return machineHostName.map(host -> List.of(LOCALHOST, host)).orElse(List.of(LOCALHOST));
  }

  /** This machine's host name, unless unknown or unusable as a certificate's DNS name. */
  static Optional<String> machineHostName() {
    String name;
    try {
      name = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
    } catch (UnknownHostException e) {
      // Common in containers whose host name does not resolve; the loopback names still work.
      log.debug("cannot determine the machine's host name: {}", e.getMessage());
      return Optional.empty();
    }
    if (name.equals(LOCALHOST) || NetUtil.isValidIpV4Address(name)
        || NetUtil.isValidIpV6Address(name) || !DNS_NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    return Optional.of(name);
  }
}
