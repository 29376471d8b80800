package wiregate.engine.postgres;

import java.util.EnumSet;
import java.util.Set;
import wiregate.engine.postgres.StatementEffects.Pin;

/**
 * Why a client session must keep its engine connection between transactions (transaction pool
 * mode). A pin is taken before its statement runs, so a failed LISTEN pins too (harmless); it is
 * dropped only after a statement that surely undid it succeeded (UNLISTEN *, DISCARD ALL,
 * pg_advisory_unlock_all(), CLOSE ALL, DEALLOCATE ALL). Undoing one item of several (UNLISTEN x,
 * pg_advisory_unlock(k), DROP TABLE of one temp table) keeps the pin: the text cannot tell whether
 * it was the last.
 */
final class SessionPins {
  private final EnumSet<Pin> held = EnumSet.noneOf(Pin.class);

  void take(Set<Pin> pins) {
    held.addAll(pins);
  }

  void drop(Set<Pin> pins) {
    held.removeAll(pins);
  }

  boolean any() {
    return !held.isEmpty();
  }

  Set<Pin> held() {
    return EnumSet.copyOf(held);
  }
}
