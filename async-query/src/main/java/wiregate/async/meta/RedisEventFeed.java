package wiregate.async.meta;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import wiregate.core.async.QueryEvent;

/**
 * This instance's subscribers to query events. Events come from Redis pub/sub (one channel for all
 * queries), which may drop messages while the connection is re-established, so each subscriber
 * counts what it has been given and reads any gap back from the query's event list: every event
 * reaches it once, in sequence order. Pub/sub callbacks run on Lettuce's event loop and only hand
 * work to the subscribers' own threads; reading the list happens there.
 */
final class RedisEventFeed implements AutoCloseable {
  /** Reads a query's events after a sequence number. */
  interface History {
    List<QueryEvent> after(String id, long sequence);
  }

  private final History history;
  private final Map<String, Set<Subscriber>> byQuery = new ConcurrentHashMap<>();

  RedisEventFeed(History history) {
    this.history = history;
  }

  /**
   * Gives {@code listener} every event of query {@code id} after sequence {@code seen}. Events
   * appended between reading {@code seen} and this call are read back from the list at once.
   */
  AutoCloseable subscribe(String id, long seen, Consumer<QueryEvent> listener) {
    Subscriber subscriber = new Subscriber(id, seen, listener);
    byQuery.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(subscriber);
    subscriber.delivery.offer(Optional.empty());
    return () -> {
      byQuery.computeIfPresent(id, (k, set) -> {
        set.remove(subscriber);
        return set.isEmpty() ? null : set;
      });
      subscriber.delivery.close();
    };
  }

  /** An event announced on the channel; called on the pub/sub thread, never blocks. */
  void announced(QueryEvent event) {
    for (Subscriber subscriber : byQuery.getOrDefault(event.queryId(), Set.of())) {
      subscriber.delivery.offer(Optional.of(event));
    }
  }

  /** After a reconnect: announcements may have been lost, so every subscriber looks at its list. */
  void catchUp() {
    byQuery.values().forEach(set -> set.forEach(s -> s.delivery.offer(Optional.empty())));
  }

  @Override
  public void close() {
    byQuery.values().forEach(set -> set.forEach(s -> s.delivery.close()));
    byQuery.clear();
  }

  /**
   * One listener. An empty signal means "look in the list"; the deliveries run one at a time, so
   * {@code delivered} needs no lock.
   */
  private final class Subscriber {
    final String id;
    final Consumer<QueryEvent> listener;
    final OrderedDelivery<Optional<QueryEvent>> delivery;
    long delivered;

    Subscriber(String id, long seen, Consumer<QueryEvent> listener) {
      this.id = id;
      this.delivered = seen;
      this.listener = listener;
      this.delivery = new OrderedDelivery<>(this::handle);
    }

    private void handle(Optional<QueryEvent> signal) {
      long upTo = signal.map(QueryEvent::sequence).orElse(Long.MAX_VALUE);
      if (upTo <= delivered) {
        return;
      }
      if (upTo > delivered + 1) {
        for (QueryEvent missed : history.after(id, delivered)) {
          if (missed.sequence() > delivered && missed.sequence() < upTo) {
            deliver(missed);
          }
        }
      }
      signal.ifPresent(event -> {
        if (event.sequence() > delivered) {
          deliver(event);
        }
      });
    }

    private void deliver(QueryEvent event) {
      delivered = event.sequence();
      listener.accept(event);
    }
  }
}
