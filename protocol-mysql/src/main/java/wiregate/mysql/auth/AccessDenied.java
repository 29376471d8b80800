package wiregate.mysql.auth;

import wiregate.mysql.codec.ErrPacket;

/** ER_ACCESS_DENIED_ERROR, the one answer to any failed login, whatever the reason. */
public final class AccessDenied {
  private AccessDenied() {}

  public static ErrPacket packet(String user, String host, boolean usingPassword) {
    return new ErrPacket(ErrPacket.ER_ACCESS_DENIED, "28000", "Access denied for user '" + user + "'@'" + host
        + "' (using password: " + (usingPassword ? "YES" : "NO") + ")");
  }
}
