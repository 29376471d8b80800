package wiregate.engine.postgres;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Process ids the gateway issues to client sessions in transaction pool mode, where a session has no
 * engine backend of its own to name. They start above Linux's largest pid (2^22), so they are never
 * mistaken for an engine backend's pid, and are unique among the sessions of one gateway.
 */
final class GatewayProcessIds {
  private static final int FIRST = 1 << 22;
  private final AtomicInteger next = new AtomicInteger(FIRST);

  int next() {
    return next.getAndUpdate(id -> id == Integer.MAX_VALUE ? FIRST : id + 1);
  }
}
