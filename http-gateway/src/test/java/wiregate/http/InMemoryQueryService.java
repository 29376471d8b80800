package wiregate.http;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import wiregate.core.async.AsyncQueryException;
import wiregate.core.async.AsyncQueryException.Problem;
import wiregate.core.async.DatabaseInfo;
import wiregate.core.async.QueryEvent;
import wiregate.core.async.QueryInfo;
import wiregate.core.async.QueryRequest;
import wiregate.core.async.QueryService;
import wiregate.core.async.QueryState;
import wiregate.core.async.QueryStats;
import wiregate.core.async.ResultFile;
import wiregate.core.async.ResultFormat;

/**
 * A test double of the async query service, for the HTTP surface's unit tests only: queries stay
 * PENDING until the test completes them with a result held in memory. The real service lives in the
 * async-query module.
 */
final class InMemoryQueryService implements QueryService {
  private record Entry(QueryInfo info, byte[] result, List<QueryEvent> events) {}

  private final Map<String, Entry> queries = new ConcurrentHashMap<>();
  private final Map<String, String> idempotency = new ConcurrentHashMap<>();
  private final List<Consumer<QueryEvent>> listeners = new CopyOnWriteArrayList<>();
  private int next = 1;

  @Override
  public synchronized QueryInfo submit(String user, QueryRequest request, Optional<String> key)
      throws AsyncQueryException {
    if (!request.databaseId().equals("default")) {
      throw new AsyncQueryException(Problem.UNKNOWN_DATABASE, "no database '" + request.databaseId() + "'");
    }
    if (key.isPresent() && idempotency.containsKey(user + "/" + key.get())) {
      return queries.get(idempotency.get(user + "/" + key.get())).info();
    }
    String id = "q" + next++;
    key.ifPresent(k -> idempotency.put(user + "/" + k, id));
    QueryInfo info = new QueryInfo(id, user, QueryState.PENDING, request, "test", Instant.parse("2025-01-01T00:00:00Z"),
        null, null, null, null);
    List<QueryEvent> events = new CopyOnWriteArrayList<>();
    events.add(new QueryEvent(id, 1, QueryState.PENDING, info.createdAt(), null));
    queries.put(id, new Entry(info, null, events));
    return info;
  }

  /** Makes the query SUCCEEDED with this result. */
  synchronized void complete(String id, byte[] result) {
    Entry e = queries.get(id);
    QueryInfo i = e.info();
    QueryInfo done = new QueryInfo(i.id(), i.user(), QueryState.SUCCEEDED, i.request(), i.owner(), i.createdAt(),
        i.createdAt(), i.createdAt(), i.createdAt().plusSeconds(3600), null);
    QueryEvent event = new QueryEvent(id, e.events().size() + 1, QueryState.SUCCEEDED, done.finishedAt(), null);
    e.events().add(event);
    queries.put(id, new Entry(done, result, e.events()));
    listeners.forEach(l -> l.accept(event));
  }

  private Entry find(String user, String id) throws AsyncQueryException {
    Entry e = queries.get(id);
    if (e == null || !e.info().user().equals(user)) {
      throw new AsyncQueryException(Problem.NOT_FOUND, "no query " + id);
    }
    return e;
  }

  @Override
  public QueryInfo get(String user, String id, Duration wait) throws AsyncQueryException {
    return find(user, id).info();
  }

  @Override
  public QueryInfo stop(String user, String id) throws AsyncQueryException {
    return find(user, id).info();
  }

  @Override
  public QueryStats stats(String user, String id) throws AsyncQueryException {
    Entry e = find(user, id);
    return new QueryStats(id, e.info().state(), 2, e.result() == null ? 0 : e.result().length, 1, 2, false);
  }

  @Override
  public ResultFile result(String user, String id) throws AsyncQueryException {
    Entry e = find(user, id);
    if (e.result() == null) {
      throw new AsyncQueryException(Problem.RESULT_NOT_READY, "query " + id + " is " + e.info().state());
    }
    byte[] bytes = e.result();
    return new ResultFile() {
      @Override
      public ResultFormat format() {
        return e.info().request().format();
      }

      @Override
      public long size() {
        return bytes.length;
      }

      @Override
      public String etag() {
        return id + "-" + bytes.length;
      }

      @Override
      public InputStream open(long first, long last) {
        return new ByteArrayInputStream(bytes, (int) first, (int) (last - first + 1));
      }
    };
  }

  @Override
  public AutoCloseable subscribe(String user, String id, Consumer<QueryEvent> listener) throws AsyncQueryException {
    Entry e = find(user, id);
    synchronized (this) {
      new ArrayList<>(e.events()).stream().skip(e.events().size() - 1).forEach(listener);
      Consumer<QueryEvent> filtered = event -> {
        if (event.queryId().equals(id)) {
          listener.accept(event);
        }
      };
      listeners.add(filtered);
      return () -> listeners.remove(filtered);
    }
  }

  @Override
  public List<DatabaseInfo> databases() {
    return List.of(new DatabaseInfo("default", "canonical", "the engine"));
  }
}
