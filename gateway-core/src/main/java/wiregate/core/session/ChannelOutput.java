package wiregate.core.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Batches a worker thread's outgoing protocol messages into buffers and writes them to the channel,
 * waiting while the channel is not writable: a slow client slows the producer instead of filling the
 * heap. The pipeline must call {@link #writabilityChanged()} (see {@link WritabilityListener}).
 */
public final class ChannelOutput {
  /** Bytes gathered before a write; big enough to amortise, small enough to stream. */
  private static final int BATCH_BYTES = 64 * 1024;
  /** A batch's first capacity: most responses are small. */
  private static final int FIRST_CAPACITY = 4096;
  /**
   * A streaming result's later batches start big enough for a full batch and the message that
   * crosses the mark, instead of growing from 4 KiB by copying (4, 8, ... 128 KiB: twice the bytes).
   */
  private static final int STREAMING_CAPACITY = 2 * BATCH_BYTES;

  private final Channel channel;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition writable = lock.newCondition();
  private ByteBuf batch;
  private int nextCapacity = FIRST_CAPACITY;

  public ChannelOutput(Channel channel) {
    this.channel = channel;
  }

  /** The buffer to encode the next message into. */
  public ByteBuf buffer() {
    if (batch == null) {
      batch = channel.alloc().buffer(nextCapacity);
    }
    return batch;
  }

  /** Writes the batch once it is big enough, then waits for the client to keep up. */
  public void flushIfFull() {
    if (batch != null && batch.readableBytes() >= BATCH_BYTES) {
      write();
      nextCapacity = STREAMING_CAPACITY;
      awaitWritable();
    }
  }

  /** Writes and flushes whatever is pending (the end of a response: the next one starts small). */
  public void flush() {
    nextCapacity = FIRST_CAPACITY;
    write();
  }

  private void write() {
    ByteBuf pending = batch;
    batch = null;
    if (pending == null) {
      return;
    }
    if (channel.isActive()) {
      channel.writeAndFlush(pending, channel.voidPromise());
    } else {
      pending.release();
    }
  }

  /** Drops anything not yet written (the connection is going away). */
  public void discard() {
    if (batch != null) {
      batch.release();
      batch = null;
    }
  }

  public boolean isOpen() {
    return channel.isActive();
  }

  private void awaitWritable() {
    lock.lock();
    try {
      while (channel.isActive() && !channel.isWritable()) {
        writable.await(100, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  void writabilityChanged() {
    lock.lock();
    try {
      writable.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
