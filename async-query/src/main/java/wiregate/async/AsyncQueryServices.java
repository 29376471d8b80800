package wiregate.async;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import wiregate.async.meta.InMemoryMetadataStore;
import wiregate.async.meta.MetadataStore;
import wiregate.async.meta.RedisMetadataStore;
import wiregate.async.store.LocalResultStore;
import wiregate.async.store.ResultStore;
import wiregate.async.store.S3ResultStore;
import wiregate.core.async.QueryDatabases;
import wiregate.core.config.AsyncConfig;
import wiregate.core.config.ConfigException;
import wiregate.core.config.GatewayConfig;
import wiregate.core.lifecycle.Admission;

/** Builds the configured async query service: its result store, metadata store and settings. */
public final class AsyncQueryServices {
  private AsyncQueryServices() {}

  public static DefaultQueryService create(GatewayConfig config, QueryDatabases databases, Clock clock,
      SecureRandom random, Admission admission) throws IOException, ConfigException {
    AsyncConfig async = config.async;
    String instanceId = async.instanceId != null ? async.instanceId : "gw-" + new QueryIds(random).next().substring(0, 10);
    MetadataStore metadata = metadataStore(async, clock);
    ResultStore results;
    try {
      results = resultStore(config);
    } catch (IOException | ConfigException | RuntimeException e) {
      metadata.close(); // a Redis connection must not outlive a failed start
      throw e;
    }
    return new DefaultQueryService(AsyncSettings.from(async, instanceId), databases, metadata, results, clock, random,
        admission).startSweeping();
  }

  private static ResultStore resultStore(GatewayConfig config) throws IOException, ConfigException {
    return switch (config.async.storage.kind) {
      case LOCAL -> new LocalResultStore(config.resultsDir());
      case S3 -> S3ResultStore.connect(config.async.storage.s3);
    };
  }

  private static MetadataStore metadataStore(AsyncConfig async, Clock clock) throws IOException {
    return switch (async.metadata.kind) {
      case MEMORY -> new InMemoryMetadataStore(clock);
      case REDIS -> redis(async.metadata.redisUrl);
    };
  }

  private static MetadataStore redis(String url) throws IOException {
    try {
      return new RedisMetadataStore(url);
    } catch (RedisException e) {
      // The URL may hold a password: name only where Redis was looked for.
      RedisURI where = RedisURI.create(url);
      throw new IOException("async.metadata.redis-url: cannot use Redis at " + where.getHost() + ":" + where.getPort()
          + ": " + e.getMessage(), e);
    }
  }
}
