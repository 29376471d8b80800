package wiregate.engine.embedded;

import com.sun.security.auth.module.UnixSystem;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which account runs the engine. PostgreSQL refuses to run as root, so a root gateway
 * hands the engine to an unprivileged account (engine.run-as); anyone else runs it as themselves.
 */
final class PrivilegeDrop {
  private static final Logger log = LoggerFactory.getLogger(PrivilegeDrop.class);
  private static final String DEFAULT_ACCOUNT = "nobody";

  private PrivilegeDrop() {}

  /** The account for the engine; fails early when it could not reach {@code engineDir}. */
  static EngineAccount accountFor(String runAs, Path engineDir) {
    UnixSystem self = new UnixSystem();
    if (self.getUid() != 0) {
      return EngineAccount.gatewayUser((int) self.getUid(), (int) self.getGid());
    }
    String name = runAs == null || runAs.isBlank() ? DEFAULT_ACCOUNT : runAs.strip();
    EngineAccount account = EngineAccount.lookUp(name);
    if (account.uid() == 0) {
      throw new EngineStartException("engine.run-as names '" + name + "', which is root; PostgreSQL"
          + " refuses to run as root, so set engine.run-as to an unprivileged account such as nobody");
    }
    log.info("running the embedded engine as {} because the gateway runs as root", account);
    if (!account.canTraverse(engineDir)) {
      throw new EngineStartException("the embedded engine runs as " + account + " because the gateway"
          + " runs as root, but that account cannot reach the engine directory " + engineDir
          + " (every directory on the path must be searchable by it). Set engine.data-dir to a"
          + " directory it can reach, e.g. under /var/lib or /tmp, or set engine.run-as to an"
          + " account that can reach it.");
    }
    return account;
  }
}
