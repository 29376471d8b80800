package wiregate.async.meta;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands items to one listener in the order they were offered, on a virtual thread of its own, so
 * that a slow listener never holds up the thread that produced them (a query runner, a store).
 */
public final class OrderedDelivery<T> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OrderedDelivery.class);

  private final Consumer<T> listener;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("delivery").factory());

  public OrderedDelivery(Consumer<T> listener) {
    this.listener = listener;
  }

  public void offer(T item) {
    try {
      thread.execute(() -> {
        try {
          listener.accept(item);
        } catch (RuntimeException e) {
          log.warn("a listener failed: {}", e.toString());
        }
      });
    } catch (RejectedExecutionException closed) {
      // closed meanwhile: the subscriber no longer wants items
    }
  }

  @Override
  public void close() {
    thread.shutdown();
  }
}
