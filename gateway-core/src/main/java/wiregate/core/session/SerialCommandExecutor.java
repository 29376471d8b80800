package wiregate.core.session;

import io.netty.channel.Channel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's commands one at a time, in arrival order, off the event loop (on virtual
 * threads, where blocking on the engine is cheap). While too many commands wait, the channel stops
 * reading, so a client cannot queue unbounded work; auto-read is only ever changed on the event loop.
 */
public final class SerialCommandExecutor {
  private static final Logger log = LoggerFactory.getLogger(SerialCommandExecutor.class);
  /** Pipelining protocols queue several messages per round trip; beyond this many, stop reading. */
  static final int PAUSE_READING_AT = 64;

  private final Channel channel;
  private final Executor threads;
  private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicBoolean draining = new AtomicBoolean();

  public SerialCommandExecutor(Channel channel, Executor threads) {
    this.channel = channel;
    this.threads = threads;
  }

  /** Queues a command; call on the channel's event loop. */
  public void submit(Runnable command) {
    queue.add(command);
    if (pending.incrementAndGet() >= PAUSE_READING_AT) {
      updateAutoRead();
    }
    scheduleDrain();
  }

  /** No command is queued or running. */
  public boolean idle() {
    return pending.get() == 0;
  }

  private void scheduleDrain() {
    if (draining.compareAndSet(false, true)) {
      threads.execute(this::drain);
    }
  }

  private void drain() {
    try {
      Runnable command;
      while ((command = queue.poll()) != null) {
        try {
          command.run();
        } catch (RuntimeException | Error e) {
          log.error("command failed on {}; closing the connection", channel, e);
          channel.close();
        }
        if (pending.decrementAndGet() == PAUSE_READING_AT - 1) {
          channel.eventLoop().execute(this::updateAutoRead);
        }
      }
    } finally {
      draining.set(false);
      if (!queue.isEmpty()) {
        scheduleDrain();
      }
    }
  }

  private void updateAutoRead() {
    channel.config().setAutoRead(pending.get() < PAUSE_READING_AT);
  }
}
