package wiregate.core.ingress;

import java.net.SocketAddress;

/** How a connection reached its protocol: which listener, and whether ingress already terminated TLS. */
public record ConnectionInfo(String listener, SocketAddress remote, boolean tlsAtIngress) {}
