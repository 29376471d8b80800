package wiregate.async.meta;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import wiregate.core.async.QueryEvent;
import wiregate.core.async.QueryState;

/**
 * The single-node metadata store: queries, events and idempotency keys in this process's memory.
 * Each query's changes happen under that query's entry lock, which makes compare-and-set and the
 * order of its events hold as they would in a shared store.
 */
public final class InMemoryMetadataStore implements MetadataStore {
  private final Clock clock;
  private final Map<String, Entry> queries = new ConcurrentHashMap<>();
  private final Map<String, Claim> idempotencyKeys = new ConcurrentHashMap<>();
  private final Map<String, List<Consumer<String>>> cancelListeners = new ConcurrentHashMap<>();
  private final Map<String, Instant> heartbeats = new ConcurrentHashMap<>();
  private final Set<String> cancelRequested = ConcurrentHashMap.newKeySet();

  public InMemoryMetadataStore(Clock clock) {
    this.clock = clock;
  }

  /** One query: its record, its events, and the deliveries of its subscribers. */
  private static final class Entry {
    QueryRecord record;
    final List<QueryEvent> events = new ArrayList<>();
    final List<OrderedDelivery<QueryEvent>> subscribers = new CopyOnWriteArrayList<>();

    Entry(QueryRecord record) {
      this.record = record;
    }

    void append(QueryRecord changed, Instant at) {
      record = changed;
      QueryEvent event = new QueryEvent(changed.id(), changed.sequence(), changed.state(), at, changed.error());
      events.add(event);
      subscribers.forEach(s -> s.offer(event));
    }
  }

  private record Claim(String queryId, Instant expiresAt) {}

  @Override
  public String claimIdempotencyKey(String user, String key, String queryId, Duration ttl) {
    Instant now = clock.instant();
    Claim claim = idempotencyKeys.compute(user + '\u0000' + key, (k, held) ->
        held != null && held.expiresAt().isAfter(now) ? held : new Claim(queryId, now.plus(ttl)));
    return claim.queryId();
  }

  @Override
  public void create(QueryRecord record) {
    Entry entry = new Entry(record);
    entry.events.add(new QueryEvent(record.id(), record.sequence(), record.state(), record.createdAt(), null));
    if (queries.putIfAbsent(record.id(), entry) != null) {
      throw new IllegalStateException("query id already used: " + record.id());
    }
  }

  @Override
  public Optional<QueryRecord> get(String id) {
    Entry entry = queries.get(id);
    if (entry == null) {
      return Optional.empty();
    }
    synchronized (entry) {
      return Optional.of(entry.record);
    }
  }

  @Override
  public Optional<QueryRecord> transition(String id, Set<QueryState> from, StateChange change) {
    Entry entry = queries.get(id);
    if (entry == null) {
      return Optional.empty();
    }
    synchronized (entry) {
      if (!from.contains(entry.record.state())) {
        return Optional.empty();
      }
      entry.append(entry.record.apply(change), change.at());
      return Optional.of(entry.record);
    }
  }

  @Override
  public void progress(String id, long rows, long bytes, boolean truncated) {
    Entry entry = queries.get(id);
    if (entry != null) {
      synchronized (entry) {
        entry.record = entry.record.withProgress(rows, bytes, truncated);
      }
    }
  }

  @Override
  public List<QueryEvent> events(String id) {
    Entry entry = queries.get(id);
    if (entry == null) {
      return List.of();
    }
    synchronized (entry) {
      return List.copyOf(entry.events);
    }
  }

  @Override
  public AutoCloseable subscribe(String id, Consumer<QueryEvent> listener) {
    Entry entry = queries.get(id);
    OrderedDelivery<QueryEvent> delivery = new OrderedDelivery<>(listener);
    if (entry == null) {
      delivery.close();
      return () -> {};
    }
    entry.subscribers.add(delivery);
    return () -> {
      entry.subscribers.remove(delivery);
      delivery.close();
    };
  }

  @Override
  public List<QueryRecord> unfinishedByOwner(String owner) {
    return select(r -> owner.equals(r.owner()) && !r.state().isTerminal());
  }

  @Override
  public Set<String> owners() {
    Set<String> owners = new java.util.HashSet<>();
    select(r -> !r.state().isTerminal()).forEach(r -> owners.add(r.owner()));
    return owners;
  }

  @Override
  public void forgetOwner(String owner) {
    // owners() is derived from the records: nothing to forget
  }

  @Override
  public void heartbeat(String instanceId, Duration timeout) {
    heartbeats.put(instanceId, clock.instant().plus(timeout));
  }

  @Override
  public boolean isAlive(String instanceId) {
    Instant until = heartbeats.get(instanceId);
    return until != null && until.isAfter(clock.instant());
  }

  @Override
  public boolean cancelRequested(String id) {
    return cancelRequested.contains(id);
  }

  @Override
  public List<QueryRecord> expiredBy(Instant now) {
    return select(r -> !r.expiresAt().isAfter(now));
  }

  private List<QueryRecord> select(java.util.function.Predicate<QueryRecord> filter) {
    List<QueryRecord> out = new ArrayList<>();
    for (Entry entry : queries.values()) {
      synchronized (entry) {
        if (filter.test(entry.record)) {
          out.add(entry.record);
        }
      }
    }
    return out;
  }

  @Override
  public void remove(String id) {
    Entry entry = queries.remove(id);
    if (entry != null) {
      entry.subscribers.forEach(OrderedDelivery::close);
    }
    idempotencyKeys.values().removeIf(claim -> claim.queryId().equals(id));
    cancelRequested.remove(id);
  }

  @Override
  public void requestCancel(String owner, String id) {
    if (queries.containsKey(id)) {
      cancelRequested.add(id);
    }
    cancelListeners.getOrDefault(owner, List.of()).forEach(listener -> listener.accept(id));
  }

  @Override
  public AutoCloseable onCancelRequest(String owner, Consumer<String> listener) {
    cancelListeners.computeIfAbsent(owner, o -> new CopyOnWriteArrayList<>()).add(listener);
    return () -> cancelListeners.getOrDefault(owner, List.of()).remove(listener);
  }

  @Override
  public void close() {
    queries.values().forEach(entry -> entry.subscribers.forEach(OrderedDelivery::close));
  }
}
