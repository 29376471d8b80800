package wiregate.async;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import wiregate.async.meta.InMemoryMetadataStore;
import wiregate.async.store.LocalResultStore;
import wiregate.async.store.ResultStore;
import wiregate.async.store.S3ResultStore;
import wiregate.core.async.QueryInfo;
import wiregate.core.async.QueryRequest;
import wiregate.core.async.QueryStats;
import wiregate.core.async.ResultFormat;
import wiregate.core.config.AsyncConfig;
import wiregate.core.config.DatabaseConfig;
import wiregate.engine.async.PooledQueryDatabases;
import wiregate.engine.postgres.EngineEndpoint;

/**
 * Run by {@link BigResultTest} in a JVM with a small heap: writes a large result in one format
 * and prints "rows bytes millis". Had anything held the whole result, the heap would run out.
 * Arguments: jdbc-url user password results-dir format rows, then for S3 storage instead of the
 * directory: s3-endpoint bucket access-key secret-key.
 */
public final class BigResultMain {
  private BigResultMain() {}

  public static void main(String[] args) throws Exception {
    EngineEndpoint engine = new EngineEndpoint(args[0], args[1], args[2]);
    ResultFormat format = ResultFormat.fromApiName(args[4]).orElseThrow();
    long rows = Long.parseLong(args[5]);
    Clock clock = Clock.systemUTC();
    try (PooledQueryDatabases databases = PooledQueryDatabases.create(Map.of("default", new DatabaseConfig()), engine);
        DefaultQueryService service = new DefaultQueryService(
            new AsyncSettings(Duration.ofHours(1), 1, 10, 1000, "big", Duration.ofMinutes(1)), databases,
            new InMemoryMetadataStore(clock), resultStore(args), clock, new SecureRandom())) {
      long start = System.nanoTime();
      QueryInfo info = service.submit("big", new QueryRequest("default",
          "SELECT n, 'row number ' || n AS label, n * 1.5 AS x, now() AS at FROM generate_series(1, " + rows + ") n",
          java.util.List.of(), format, false, null, null), Optional.empty());
      QueryInfo done = service.get("big", info.id(), Duration.ofMinutes(10));
      if (done.error() != null || !done.state().isTerminal()) {
        System.out.println("FAILED " + done.state() + " " + done.error());
        System.exit(1);
      }
      QueryStats stats = service.stats("big", info.id());
      System.out.println(stats.rows() + " " + stats.bytes() + " " + (System.nanoTime() - start) / 1_000_000 + " "
          + info.id());
    }
  }

  private static ResultStore resultStore(String[] args) throws Exception {
    if (args.length == 6) {
      return new LocalResultStore(Path.of(args[3]));
    }
    AsyncConfig.S3Config s3 = new AsyncConfig.S3Config();
    s3.endpoint = args[6];
    s3.bucket = args[7];
    s3.accessKey = args[8];
    s3.secretKey = args[9];
    s3.prefix = "big/";
    return S3ResultStore.connect(s3);
  }
}
