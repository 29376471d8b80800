package wiregate.core.config;

/** An enum setting whose YAML spelling is {@link #key()} (bound through Jackson's @JsonValue). */
public interface ConfigChoice {
  String key();
}
