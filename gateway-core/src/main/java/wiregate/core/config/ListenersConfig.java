package wiregate.core.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where the gateway listens. Port 0 disables a listener. */
public final class ListenersConfig {
  public String bind = "127.0.0.1";
  public ListenerConfig postgres = new ListenerConfig(5432);
  public ListenerConfig mysql = new ListenerConfig(3306);
  public ListenerConfig tds = new ListenerConfig(1433);
  public ListenerConfig drda = new ListenerConfig(50000);
  public ListenerConfig oracle = new ListenerConfig(1521);
  public ListenerConfig http = new ListenerConfig(8080);
  public ListenerConfig https = new ListenerConfig(8443);
  public ListenerConfig autodetect = new ListenerConfig(6543);
  /** How long the autodetect port waits for a first byte before it assumes a server-speaks-first protocol. */
  public int detectTimeoutMs = 300;

  /** The listeners by name, in a stable order; the name is also the config key. */
  public Map<String, ListenerConfig> byName() {
    Map<String, ListenerConfig> all = new LinkedHashMap<>();
    all.put("postgres", postgres);
    all.put("mysql", mysql);
    all.put("tds", tds);
    all.put("drda", drda);
    all.put("oracle", oracle);
    all.put("http", http);
    all.put("https", https);
    all.put("autodetect", autodetect);
    return all;
  }

  public static final class ListenerConfig {
    public int port;

    public ListenerConfig() {}

    public ListenerConfig(int port) {
      this.port = port;
    }

    public boolean enabled() {
      return port != 0;
    }
  }
}
