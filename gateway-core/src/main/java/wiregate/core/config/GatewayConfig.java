package wiregate.core.config;

import com.fasterxml.jackson.annotation.JsonMerge;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole gateway configuration, bound from YAML with kebab-case keys.
 * Public fields with defaults keep the YAML shape and the defaults in one place.
 */
public final class GatewayConfig {
  /** Directory for everything the gateway writes: users, TLS material, the embedded engine. */
  public String dataDir = "data";
  public ListenersConfig listeners = new ListenersConfig();
  public TlsConfig tls = new TlsConfig();
  public AuthConfig auth = new AuthConfig();
  public EngineConfig engine = new EngineConfig();
  public ProtocolsConfig protocols = new ProtocolsConfig();
  public LifecycleConfig lifecycle = new LifecycleConfig();
  /**
   * Databases of the async query API by id. The canonical engine is there as {@code default}; the
   * file's entries are merged into that (and may redefine it).
   */
  @JsonMerge
  public Map<String, DatabaseConfig> databases = defaultDatabases();
  public AsyncConfig async = new AsyncConfig();

  private static Map<String, DatabaseConfig> defaultDatabases() {
    Map<String, DatabaseConfig> databases = new LinkedHashMap<>();
    DatabaseConfig canonical = new DatabaseConfig();
    canonical.description = "the gateway's canonical engine";
    databases.put("default", canonical);
    return databases;
  }

  public Path dataPath() {
    return Path.of(dataDir).toAbsolutePath().normalize();
  }

  /** Resolves an optional path setting, falling back to a file under the data directory. */
  public Path resolve(String configured, String defaultUnderDataDir) {
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    return dataPath().resolve(defaultUnderDataDir);
  }

  public Path usersFile() {
    return resolve(auth.usersFile, "users.yaml");
  }

  public Path resultsDir() {
    return resolve(async.storage.dir, "results");
  }

  public Path engineDataDir() {
    return resolve(engine.dataDir, "engine");
  }
}
