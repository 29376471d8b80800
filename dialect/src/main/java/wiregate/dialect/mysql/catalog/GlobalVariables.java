package wiregate.dialect.mysql.catalog;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import wiregate.core.model.GatewayException;

/**
 * Global values of MySQL system variables for one gateway process, shared by its MySQL sessions.
 * Starts from the catalog's defaults overlaid with facts about this server ({@code serverValues}:
 * version, hostname, port, have_ssl, server_uuid, ...). SET GLOBAL / SET PERSIST change values here;
 * as in MySQL, sessions copy global values when they start, so a change reaches new sessions only.
 * Nothing is persisted: PERSIST behaves like GLOBAL (documented in docs/mysql.md).
 */
public final class GlobalVariables {
  private final SystemVariableCatalog catalog;
  private final Map<String, String> initial;
  /** Values changed by SET GLOBAL; a null value cannot be stored, so NULL is kept as NULL_VALUE. */
  private final Map<String, String> changed = new ConcurrentHashMap<>();
  private static final String NULL_VALUE = "\u0000null";

  public GlobalVariables(SystemVariableCatalog catalog, Map<String, String> serverValues) {
    this.catalog = catalog;
    this.initial = Map.copyOf(serverValues);
    for (String name : serverValues.keySet()) {
      if (catalog.find(name).isEmpty()) {
        throw new IllegalArgumentException("not a known system variable: " + name);
      }
    }
  }

  public SystemVariableCatalog catalog() {
    return catalog;
  }

  /** The global value (canonical form; null = NULL). */
  public String value(SystemVariable variable) {
    String name = SystemVariableCatalog.storageName(variable.name());
    String value = changed.get(name);
    if (value != null) {
      return value.equals(NULL_VALUE) ? null : value;
    }
    return startupValue(variable);
  }

  /** The value the server started with: what SET GLOBAL x = DEFAULT restores. */
  public String startupValue(SystemVariable variable) {
    String name = SystemVariableCatalog.storageName(variable.name());
    if (initial.containsKey(name)) {
      return initial.get(name);
    }
    return catalog.find(name).orElse(variable).defaultValue();
  }

  /** Stores an already checked, canonical value. */
  void set(SystemVariable variable, String canonicalValue) {
    changed.put(SystemVariableCatalog.storageName(variable.name()), canonicalValue == null ? NULL_VALUE : canonicalValue);
  }

  /** Convenience for callers outside a session (config, tests): checks and stores one value. */
  public void setGlobal(String name, String value) throws GatewayException {
    SystemVariable variable = catalog.find(name).orElseThrow(() -> MySqlErrors.unknownSystemVariable(name));
    set(variable, variable.normalize(value));
  }

  Optional<SystemVariable> find(String name) {
    return catalog.find(name);
  }
}
