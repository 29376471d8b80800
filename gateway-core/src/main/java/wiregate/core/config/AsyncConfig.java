package wiregate.core.config;

import com.fasterxml.jackson.annotation.JsonValue;

/** The async query API: limits, result storage and the metadata store shared by gateway instances. */
public final class AsyncConfig {
  /**
   * How long a query and its result are kept (then the file is deleted and the query is EXPIRED):
   * a number with a unit, ms, s, m, h or d, e.g. 24h.
   */
  public String resultTtl = "24h";
  /** Queries run at once by this instance; more wait as PENDING. */
  public int maxRunning = 4;
  /** PENDING queries this instance accepts before it refuses new submissions. */
  public int maxQueued = 1000;
  /** Rows fetched from a database per round trip while a result streams to storage. */
  public int fetchSize = 1000;
  /** database_id used when a request names none. */
  public String defaultDatabase = "default";
  /** Largest request body accepted, in bytes. */
  public int maxRequestBytes = 1024 * 1024;
  /** This instance's name in the metadata store; unset: generated at start. */
  public String instanceId;
  public StorageConfig storage = new StorageConfig();
  public MetadataConfig metadata = new MetadataConfig();

  public java.time.Duration resultTtlDuration() {
    return ConfigDurations.parse(resultTtl);
  }

  public static final class StorageConfig {
    public StorageKind kind = StorageKind.LOCAL;
    /** local: directory of result files; unset: results/ in the data directory. */
    public String dir;
    public S3Config s3 = new S3Config();
  }

  public static final class S3Config {
    /** S3-compatible endpoint URL; unset: AWS's own for the region. */
    public String endpoint;
    public String region = "us-east-1";
    public String bucket;
    /** Key prefix for result objects. */
    public String prefix = "wiregate/results/";
    public String accessKey;
    public String secretKey;
    /** Path-style addressing (http://endpoint/bucket/key), needed by most S3-compatible servers. */
    public boolean pathStyle = true;
  }

  public static final class MetadataConfig {
    public MetadataKind kind = MetadataKind.MEMORY;
    /** redis: redis://host:port[/db]. */
    public String redisUrl;
    /** How often this instance renews its liveness in the metadata store. */
    public int heartbeatMs = 1000;
    /** A query owner silent this long is taken as dead: its queries become FAILED. */
    public int ownerTimeoutMs = 10_000;
  }

  public enum StorageKind implements ConfigChoice {
    LOCAL("local"),
    S3("s3");

    private final String key;

    StorageKind(String key) {
      this.key = key;
    }

    @JsonValue
    public String key() {
      return key;
    }
  }

  public enum MetadataKind implements ConfigChoice {
    MEMORY("memory"),
    REDIS("redis");

    private final String key;

    MetadataKind(String key) {
      this.key = key;
    }

    @JsonValue
    public String key() {
      return key;
    }
  }
}
