package wiregate.core.config;

import com.fasterxml.jackson.annotation.JsonValue;

/** Gateway users and how each protocol authenticates them. */
public final class AuthConfig {
  /** YAML file of users and their verifiers; defaults to users.yaml in the data directory. */
  public String usersFile;
  /** Created with a random password on first start when the users file has no user. */
  public String bootstrapUser = "postgres";
  public PostgresAuthMethod postgresMethod = PostgresAuthMethod.SCRAM_SHA_256;
  public boolean allowCleartextWithoutTls = false;
  public int scramIterations = 4096;

  public enum PostgresAuthMethod implements ConfigChoice {
    SCRAM_SHA_256("scram-sha-256"),
    MD5("md5"),
    PASSWORD("password");

    private final String key;

    PostgresAuthMethod(String key) {
      this.key = key;
    }

    @JsonValue
    public String key() {
      return key;
    }
  }
}
