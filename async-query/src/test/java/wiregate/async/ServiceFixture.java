package wiregate.async;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import wiregate.async.meta.InMemoryMetadataStore;
import wiregate.async.store.LocalResultStore;
import wiregate.core.async.AsyncQueryException;
import wiregate.core.async.QueryDatabases;
import wiregate.core.async.QueryInfo;
import wiregate.core.async.QueryRequest;
import wiregate.core.async.ResultFile;
import wiregate.core.async.ResultFormat;

/** A service on the test engine with its own result directory and clock, and helpers to drive it. */
final class ServiceFixture implements AutoCloseable {
  static final String USER = "alice";
  static final Duration TTL = Duration.ofHours(1);

  final MutableClock clock = new MutableClock();
  final Path results;
  final DefaultQueryService service;

  ServiceFixture(QueryDatabases databases, Path results, int maxRunning, int maxQueued) throws IOException {
    this.results = results;
    this.service = new DefaultQueryService(
        new AsyncSettings(TTL, maxRunning, maxQueued, 100, "test-instance", Duration.ofMinutes(1)),
        databases, new InMemoryMetadataStore(clock), new LocalResultStore(results), clock, new SecureRandom());
  }

  static QueryRequest request(String sql, ResultFormat format) {
    return new QueryRequest("default", sql, List.of(), format, false, null, null);
  }

  QueryInfo submit(QueryRequest request) throws AsyncQueryException {
    return service.submit(USER, request, Optional.empty());
  }

  /** Submits and waits for the end. */
  QueryInfo run(QueryRequest request) throws AsyncQueryException {
    QueryInfo info = submit(request);
    QueryInfo done = service.get(USER, info.id(), Duration.ofSeconds(60));
    assertTrue(done.state().isTerminal(), "the query ended in time: " + done);
    return done;
  }

  String resultText(String id) throws Exception {
    return new String(resultBytes(id), StandardCharsets.UTF_8);
  }

  byte[] resultBytes(String id) throws Exception {
    ResultFile file = service.result(USER, id);
    if (file.size() == 0) {
      return new byte[0];
    }
    try (InputStream in = file.open(0, file.size() - 1)) {
      return in.readAllBytes();
    }
  }

  @Override
  public void close() {
    service.close();
  }
}
