package wiregate.core.ingress;

import java.util.List;

/**
 * One port to bind: its config name, and the frontends that may be detected on it (one for a
 * protocol's own port, all of them for the autodetect port).
 */
public record ListenerSpec(String name, int port, List<ProtocolFrontend> frontends, long silenceTimeoutMs) {}
