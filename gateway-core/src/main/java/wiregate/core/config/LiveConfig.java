package wiregate.core.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration the gateway runs with now, and its reload: read the same sources again (the
 * {@code --config} file and the {@code --set} list), validate, keep the running value of every setting
 * that needs a restart (with a warning naming it), then apply in two phases. Every participant first
 * prepares the change without making it; if any refuses, nothing changes and the old configuration
 * stays. Only then does each participant commit. Reloads are serialised; {@link #current()} never
 * blocks.
 */
public final class LiveConfig {
  private static final Logger log = LoggerFactory.getLogger(LiveConfig.class);

  /** Reads the configuration from its sources (file and overrides), bound and validated. */
  @FunctionalInterface
  public interface Source {
    GatewayConfig read() throws ConfigException;
  }

  /** A component whose settings can change on reload. */
  @FunctionalInterface
  public interface Participant {
    /**
     * Checks {@code next} and gets ready to switch to it, changing nothing yet.
     *
     * @return the switch itself, run only once every participant has prepared; must not fail
     * @throws ConfigException to reject the whole reload, with a message for the operator
     */
    Runnable prepare(GatewayConfig current, GatewayConfig next) throws ConfigException;
  }

  /**
   * What a reload did.
   *
   * @param applied whether the new configuration is now current
   * @param changed the settings that took new values
   * @param needRestart the settings that differ in the sources but keep their running values
   * @param message one line for the operator (logs, the admin endpoint)
   */
  public record ReloadResult(boolean applied, List<String> changed, List<String> needRestart, String message) {}

  private final Source source;
  private final ConfigLoader loader;
  private final List<Participant> participants = new CopyOnWriteArrayList<>();
  private volatile GatewayConfig current;

  public LiveConfig(GatewayConfig initial, Source source, ConfigLoader loader) {
    this.current = initial;
    this.source = source;
    this.loader = loader;
  }

  public GatewayConfig current() {
    return current;
  }

  public void addParticipant(Participant participant) {
    participants.add(participant);
  }

  public synchronized ReloadResult reload() {
    GatewayConfig running = current;
    GatewayConfig read;
    try {
      read = source.read();
    } catch (ConfigException e) {
      return rejected("configuration error: " + e.getMessage());
    }
    ObjectNode runningTree = loader.toTree(running);
    ObjectNode nextTree = loader.toTree(read);
    List<String> changed = new ArrayList<>();
    List<String> needRestart = new ArrayList<>();
    for (String key : ConfigDiff.changedKeys(runningTree, nextTree)) {
      if (ReloadPolicy.reloadable(key)) {
        changed.add(key);
      } else {
        needRestart.add(key);
        ConfigDiff.copy(key, runningTree, nextTree);
      }
    }
    for (String key : needRestart) {
      log.warn("reload: '{}' changed, but it needs a restart; keeping the running value", key);
    }
    GatewayConfig next;
    try {
      next = needRestart.isEmpty() ? read : loader.fromTree(nextTree);
    } catch (ConfigException e) {
      return rejected("configuration error: " + e.getMessage());
    }
    List<Runnable> commits = new ArrayList<>();
    for (Participant participant : participants) {
      try {
        commits.add(participant.prepare(running, next));
      } catch (ConfigException e) {
        return rejected(e.getMessage());
      }
    }
    commits.forEach(Runnable::run);
    current = next;
    String message = changed.isEmpty() ? "reloaded: no reloadable setting changed"
        : "reloaded: " + ConfigDiff.describe(changed);
    if (!needRestart.isEmpty()) {
      message += "; needs a restart (running values kept): " + ConfigDiff.describe(needRestart);
    }
    log.info(message);
    return new ReloadResult(true, List.copyOf(changed), List.copyOf(needRestart), message);
  }

  private static ReloadResult rejected(String reason) {
    String message = "reload rejected, the running configuration stays: " + reason;
    log.error(message);
    return new ReloadResult(false, List.of(), List.of(), message);
  }
}
