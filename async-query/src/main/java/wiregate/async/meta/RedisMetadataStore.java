package wiregate.async.meta;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiregate.core.async.QueryEvent;
import wiregate.core.async.QueryState;

/**
 * The metadata store shared by several gateway instances, in Redis (see {@link RedisKeys} for what
 * is kept where). Each change is one Lua script, so it is atomic across instances: a state change
 * is compare-and-set on the record's sequence and appends its event and announces it on the event
 * channel in the same step. Keys of a query expire by themselves a while after its result TTL
 * (twice the TTL plus {@link #KEY_GRACE}), so Redis does not grow when no instance sweeps.
 *
 * <p>Calls block the calling thread for one round trip (Lettuce's synchronous API): callers run
 * off network event loops, as for any metadata store. Pub/sub callbacks arrive on Lettuce's own
 * event loop and only hand work to other threads.
 */
public final class RedisMetadataStore implements MetadataStore {
  private static final Logger log = LoggerFactory.getLogger(RedisMetadataStore.class);
  /** How long a query's keys outlive the point where the sweeper would have forgotten it. */
  static final Duration KEY_GRACE = Duration.ofMinutes(10);
  /** How long a command may take unless the URL says otherwise ({@code ?timeout=10s}). */
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

  private final RedisKeys keys;
  private final RedisRecordCodec codec = new RedisRecordCodec();
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final StatefulRedisPubSubConnection<String, String> pubSub;
  private final RedisCommands<String, String> redis;
  private final RedisScripts scripts;
  private final RedisEventFeed feed;
  private final Map<String, List<OrderedDelivery<String>>> cancelListeners = new ConcurrentHashMap<>();

  /**
   * Connects to {@code url} ({@code redis://host:port[/db]}, {@code rediss://} for TLS) and keeps
   * everything under {@code prefix}.
   *
   * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached
   */
  public RedisMetadataStore(String url, String prefix) {
    this.keys = new RedisKeys(prefix);
    RedisURI uri = RedisURI.create(url);
    if (uri.getTimeout().equals(RedisURI.DEFAULT_TIMEOUT_DURATION)) {
      // Lettuce waits a minute by default; a gateway should answer (or fail) sooner when Redis is away.
      uri.setTimeout(COMMAND_TIMEOUT);
    }
    this.client = RedisClient.create(uri);
    try {
      this.connection = client.connect();
      this.redis = connection.sync();
      this.scripts = new RedisScripts(redis);
      this.feed = new RedisEventFeed(this::eventsAfter);
      this.pubSub = client.connectPubSub();
      pubSub.addListener(new Announcements());
      pubSub.sync().subscribe(keys.eventChannel());
    } catch (RuntimeException e) {
      client.shutdown();
      throw e;
    }
  }

  /** The store with the standard prefix {@code wg:}. */
  public RedisMetadataStore(String url) {
    this(url, "wg:");
  }

  /** Receives pub/sub messages on Lettuce's event loop: hands them on without blocking. */
  private final class Announcements extends RedisPubSubAdapter<String, String> {
    private final AtomicInteger eventSubscriptions = new AtomicInteger();

    @Override
    public void message(String channel, String message) {
      try {
        if (channel.equals(keys.eventChannel())) {
          feed.announced(codec.event(message));
        } else {
          cancelListeners.getOrDefault(channel, List.of()).forEach(listener -> listener.offer(message));
        }
      } catch (RuntimeException e) {
        log.warn("ignoring a malformed message on {}: {}", channel, e.toString());
      }
    }

    @Override
    public void subscribed(String channel, long count) {
      // Lettuce subscribes again after a reconnect; what was announced meanwhile is in the lists.
      if (channel.equals(keys.eventChannel()) && eventSubscriptions.getAndIncrement() > 0) {
        log.info("reconnected to Redis: subscribers catch up on missed events");
        feed.catchUp();
      }
    }
  }

  @Override
  public String claimIdempotencyKey(String user, String key, String queryId, Duration ttl) {
    return scripts.value(RedisScripts.CLAIM, List.of(keys.idempotency(user, key), keys.query(queryId)),
        List.of(queryId, Long.toString(Math.max(1, ttl.toMillis()))));
  }

  @Override
  public void create(QueryRecord record) {
    Duration ttl = Duration.between(record.createdAt(), record.expiresAt());
    long keyTtl = ttl.multipliedBy(2).plus(KEY_GRACE).toMillis();
    List<String> args = new ArrayList<>(List.of(record.id(), record.owner(),
        codec.event(new QueryEvent(record.id(), record.sequence(), record.state(), record.createdAt(), null)),
        Long.toString(keyTtl), Long.toString(record.expiresAt().toEpochMilli())));
    codec.fields(record).forEach((field, value) -> {
      args.add(field);
      args.add(value);
    });
    long created = scripts.integer(RedisScripts.CREATE, List.of(keys.query(record.id()), keys.events(record.id()),
        keys.ownerIndex(record.owner()), keys.owners(), keys.expiry()), args);
    if (created == 0) {
      throw new IllegalStateException("query id already used: " + record.id());
    }
  }

  @Override
  public Optional<QueryRecord> get(String id) {
    Map<String, String> fields = redis.hgetall(keys.query(id));
    return fields.isEmpty() ? Optional.empty() : Optional.of(codec.record(fields));
  }

  @Override
  public Optional<QueryRecord> transition(String id, Set<QueryState> from, StateChange change) {
    while (true) {
      Optional<QueryRecord> current = get(id);
      if (current.isEmpty() || !from.contains(current.get().state())) {
        return Optional.empty();
      }
      QueryRecord changed = current.get().apply(change);
      List<String> args = new ArrayList<>(List.of(Long.toString(current.get().sequence()), id,
          codec.event(new QueryEvent(id, changed.sequence(), changed.state(), change.at(), changed.error())),
          keys.eventChannel(), changed.state().isTerminal() ? "1" : "0"));
      codec.stateFields(changed).forEach((field, value) -> {
        args.add(field);
        args.add(value);
      });
      List<String> after = scripts.list(RedisScripts.TRANSITION,
          List.of(keys.query(id), keys.events(id), keys.ownerIndex(changed.owner())), args);
      if (!after.isEmpty()) {
        return Optional.of(codec.record(pairs(after)));
      }
      // Another instance changed it first: look again, its new state may still qualify.
    }
  }

  private static Map<String, String> pairs(List<String> flat) {
    Map<String, String> map = new java.util.HashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      map.put(flat.get(i), flat.get(i + 1));
    }
    return map;
  }

  @Override
  public void progress(String id, long rows, long bytes, boolean truncated) {
    scripts.integer(RedisScripts.PROGRESS, List.of(keys.query(id)),
        List.of(Long.toString(rows), Long.toString(bytes), truncated ? "1" : "0"));
  }

  @Override
  public List<QueryEvent> events(String id) {
    return eventsAfter(id, 0);
  }

  /** Event n is at index n-1 of the list. */
  private List<QueryEvent> eventsAfter(String id, long sequence) {
    return redis.lrange(keys.events(id), sequence, -1).stream().map(codec::event).toList();
  }

  @Override
  public AutoCloseable subscribe(String id, Consumer<QueryEvent> listener) {
    String seen = redis.hget(keys.query(id), RedisRecordCodec.SEQUENCE);
    if (seen == null) {
      return () -> {};
    }
    return feed.subscribe(id, Long.parseLong(seen), listener);
  }

  @Override
  public List<QueryRecord> unfinishedByOwner(String owner) {
    List<QueryRecord> out = new ArrayList<>();
    for (String id : redis.smembers(keys.ownerIndex(owner))) {
      Optional<QueryRecord> record = get(id);
      if (record.isEmpty()) {
        redis.srem(keys.ownerIndex(owner), id); // its keys expired without a sweep
      } else if (!record.get().state().isTerminal()) {
        out.add(record.get());
      }
    }
    return out;
  }

  @Override
  public Set<String> owners() {
    return redis.smembers(keys.owners());
  }

  @Override
  public void forgetOwner(String owner) {
    scripts.integer(RedisScripts.FORGET_OWNER,
        List.of(keys.ownerIndex(owner), keys.instance(owner), keys.owners()), List.of(owner));
  }

  @Override
  public void heartbeat(String instanceId, Duration timeout) {
    redis.set(keys.instance(instanceId), Instant.now().toString(), SetArgs.Builder.px(timeout.toMillis()));
  }

  @Override
  public boolean isAlive(String instanceId) {
    return redis.exists(keys.instance(instanceId)) > 0;
  }

  @Override
  public boolean cancelRequested(String id) {
    return "1".equals(redis.hget(keys.query(id), RedisRecordCodec.CANCEL));
  }

  @Override
  public List<QueryRecord> expiredBy(Instant now) {
    List<QueryRecord> out = new ArrayList<>();
    for (String id : redis.zrangebyscore(keys.expiry(), io.lettuce.core.Range.create(Double.NEGATIVE_INFINITY,
        (double) now.toEpochMilli()))) {
      Optional<QueryRecord> record = get(id);
      if (record.isEmpty()) {
        redis.zrem(keys.expiry(), id); // its keys expired without a sweep
      } else {
        out.add(record.get());
      }
    }
    return out;
  }

  @Override
  public void remove(String id) {
    Map<String, String> fields = redis.hgetall(keys.query(id));
    String owner = fields.getOrDefault(RedisRecordCodec.OWNER, "");
    String idempotencyKey = fields.getOrDefault(RedisRecordCodec.IDEMPOTENCY_KEY, keys.query(id) + ":no-idem");
    scripts.integer(RedisScripts.REMOVE, List.of(keys.query(id), keys.events(id), keys.expiry(),
        keys.ownerIndex(owner), idempotencyKey), List.of(id));
  }

  @Override
  public void requestCancel(String owner, String id) {
    scripts.integer(RedisScripts.CANCEL, List.of(keys.query(id)), List.of(keys.cancelChannel(owner), id));
  }

  @Override
  public AutoCloseable onCancelRequest(String owner, Consumer<String> listener) {
    String channel = keys.cancelChannel(owner);
    OrderedDelivery<String> delivery = new OrderedDelivery<>(listener);
    List<OrderedDelivery<String>> listeners = cancelListeners.computeIfAbsent(channel,
        c -> new CopyOnWriteArrayList<>());
    listeners.add(delivery);
    pubSub.sync().subscribe(channel);
    return () -> {
      listeners.remove(delivery);
      delivery.close();
    };
  }

  @Override
  public void close() {
    feed.close();
    cancelListeners.values().forEach(list -> list.forEach(OrderedDelivery::close));
    try {
      pubSub.close();
      connection.close();
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }
}
