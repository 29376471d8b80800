package wiregate.async.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import wiregate.core.async.QueryEvent;
import wiregate.core.async.QueryState;

/** The metadata store contract on a real redis-server, plus what only a shared store can get wrong. */
@SuppressWarnings("try") // subscriptions are held open by try blocks that never name them
class RedisMetadataStoreTest extends MetadataStoreContract {
  private static final AtomicInteger TESTS = new AtomicInteger();
  private static RedisServerProcess server;
  private static RedisClient client;
  private static RedisCommands<String, String> redis;
  private String prefix;

  @BeforeAll
  static void startRedis() throws Exception {
    Assumptions.assumeTrue(RedisServerProcess.available(),
        "no redis-server at " + RedisServerProcess.BINARY + " (apt-get install redis-server): Redis tests skipped");
    server = RedisServerProcess.start();
    client = RedisClient.create(server.url());
    StatefulRedisConnection<String, String> connection = client.connect();
    redis = connection.sync();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    if (client != null) {
      client.shutdown();
    }
    if (server != null) {
      server.close();
    }
  }

  @Override
  MetadataStore newStore() {
    // Each test has keys of its own on the one server.
    prefix = "t" + TESTS.incrementAndGet() + ":";
    return new RedisMetadataStore(server.url(), prefix);
  }

  @Test
  void twoStoresOnOneRedisShareEverything() throws Exception {
    try (RedisMetadataStore other = new RedisMetadataStore(server.url(), prefix)) {
      created("q1");
      List<QueryEvent> seen = new CopyOnWriteArrayList<>();
      try (AutoCloseable subscription = other.subscribe("q1", seen::add)) {
        store.transition("q1", EnumSet.of(QueryState.PENDING), StateChange.to(QueryState.RUNNING, T0));
        awaitSize(seen, 1);
      }
      assertEquals(QueryState.RUNNING, other.get("q1").orElseThrow().state());
      assertEquals("q1", other.claimIdempotencyKey("alice", "k", "q1", TTL));
      assertEquals("q1", store.claimIdempotencyKey("alice", "k", "q2", TTL));
      List<String> cancels = new CopyOnWriteArrayList<>();
      try (AutoCloseable listening = store.onCancelRequest("me", cancels::add)) {
        other.requestCancel("me", "q1");
        awaitSize(cancels, 1);
      }
      assertEquals(List.of("q1"), cancels);
    }
  }

  @Test
  void aLostAnnouncementIsFilledInFromTheList() throws Exception {
    created("q1");
    List<Long> seen = new CopyOnWriteArrayList<>();
    try (AutoCloseable subscription = store.subscribe("q1", e -> seen.add(e.sequence()))) {
      // Event 2 appended as the script would, but never announced (as if pub/sub lost it).
      redis.rpush(prefix + "q:q1:events",
          "{\"q\":\"q1\",\"seq\":2,\"state\":\"RUNNING\",\"at\":\"2026-01-01T00:00:00Z\"}");
      redis.hset(prefix + "q:q1", java.util.Map.of("seq", "2", "state", "RUNNING"));
      store.transition("q1", EnumSet.of(QueryState.RUNNING), StateChange.to(QueryState.SUCCEEDED, T0));
      awaitSize(seen, 2);
    }
    assertEquals(List.of(2L, 3L), seen);
  }

  @Test
  void aSubscriberCatchesUpAfterItsConnectionDropped() throws Exception {
    created("q1");
    List<Long> seen = new CopyOnWriteArrayList<>();
    try (AutoCloseable subscription = store.subscribe("q1", e -> seen.add(e.sequence()))) {
      redis.clientKill(io.lettuce.core.KillArgs.Builder.typePubsub());
      // Announced while no subscriber connection is there; the reconnect reads it back.
      store.transition("q1", EnumSet.of(QueryState.PENDING), StateChange.to(QueryState.RUNNING, T0));
      awaitSize(seen, 1);
      store.transition("q1", EnumSet.of(QueryState.RUNNING), StateChange.to(QueryState.SUCCEEDED, T0));
      awaitSize(seen, 2);
    }
    assertEquals(List.of(2L, 3L), seen);
  }

  @Test
  void queryKeysExpireAfterTwiceTheTtl() {
    created("q1");
    long ttl = redis.pttl(prefix + "q:q1");
    long expected = TTL.multipliedBy(2).plus(RedisMetadataStore.KEY_GRACE).toMillis();
    assertTrue(ttl > expected - 60_000 && ttl <= expected, "PTTL " + ttl);
    assertTrue(redis.pttl(prefix + "q:q1:events") > 0);
    store.claimIdempotencyKey("alice", "k", "q1", Duration.ofSeconds(30));
    assertTrue(redis.pttl(prefix + "idem:alice:k") <= 30_000);
  }

  @Test
  void aHeartbeatLapsesOnItsOwn() throws Exception {
    store.heartbeat("gw-a", Duration.ofMillis(200));
    assertTrue(store.isAlive("gw-a"));
    Thread.sleep(400);
    assertFalse(store.isAlive("gw-a"));
  }

  @Test
  void scriptsSurviveAScriptFlush() {
    created("q1");
    redis.scriptFlush();
    assertTrue(store.transition("q1", EnumSet.of(QueryState.PENDING), StateChange.to(QueryState.RUNNING, T0))
        .isPresent());
  }

  private static void awaitSize(List<?> list, int size) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (list.size() < size && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(50); // and nothing more arrives
    assertEquals(size, list.size(), "items: " + list);
  }
}
