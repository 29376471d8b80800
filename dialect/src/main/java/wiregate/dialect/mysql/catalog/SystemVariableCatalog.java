package wiregate.dialect.mysql.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The MySQL 8.0 system variables the gateway knows (data in {@code system-variables.tsv} next to this
 * class). Immutable; {@link #standard()} is the one set every session uses. Three pre-8.0 names are
 * kept as aliases because drivers still read them: tx_isolation, tx_read_only and identity.
 */
public final class SystemVariableCatalog {
  private static final Map<String, String> ALIASES = Map.of(
      "tx_isolation", "transaction_isolation",
      "tx_read_only", "transaction_read_only",
      "identity", "last_insert_id");

  private static final SystemVariableCatalog STANDARD = load("system-variables.tsv");

  private final Map<String, SystemVariable> byName;

  private SystemVariableCatalog(Map<String, SystemVariable> byName) {
    this.byName = Collections.unmodifiableMap(byName);
  }

  public static SystemVariableCatalog standard() {
    return STANDARD;
  }

  /** A variable by name (any case); aliases answer for themselves (SHOW VARIABLES lists them too). */
  public Optional<SystemVariable> find(String name) {
    return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
  }

  /** All variables, sorted by name as SHOW VARIABLES lists them. */
  public Collection<SystemVariable> all() {
    return byName.values();
  }

  /** The name whose value an alias shares (tx_isolation -> transaction_isolation). */
  public static String storageName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return ALIASES.getOrDefault(lower, lower);
  }

  private static SystemVariableCatalog load(String resource) {
    Map<String, SystemVariable> variables = new TreeMap<>();
    try (InputStream in = SystemVariableCatalog.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != 5) {
          throw new IllegalStateException("bad line in " + resource + ": " + line);
        }
        SystemVariable.Access access = switch (f[2]) {
          case "RW" -> SystemVariable.Access.READ_WRITE;
          case "RO" -> SystemVariable.Access.READ_ONLY;
          case "GLOBAL_RW" -> SystemVariable.Access.GLOBAL_WRITABLE;
          default -> throw new IllegalStateException("bad access in " + line);
        };
        variables.put(f[0], new SystemVariable(f[0], SystemVariable.Scope.valueOf(f[1]), access,
            SystemVariable.Type.parse(f[3]), f[4].equals("\\N") ? null : f[4]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SystemVariableCatalog(variables);
  }
}
