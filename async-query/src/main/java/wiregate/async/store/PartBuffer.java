package wiregate.async.store;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The bytes of one upload part while it fills. It starts small and grows by doubling up to the
 * part size, so a tiny result (most are) never costs a whole part of memory; once grown it is
 * reused for every further part of the upload.
 */
final class PartBuffer {
  private static final int INITIAL = 64 * 1024;

  private byte[] bytes;
  private int size;

  PartBuffer(int capacityHint) {
    bytes = new byte[Math.min(INITIAL, capacityHint)];
  }

  int size() {
    return size;
  }

  /** Appends up to {@code length} bytes without passing {@code limit}; returns how many it took. */
  int fill(byte[] source, int offset, int length, int limit) {
    int n = Math.min(length, limit - size);
    if (n <= 0) {
      return 0;
    }
    ensureCapacity(size + n, limit);
    System.arraycopy(source, offset, bytes, size, n);
    size += n;
    return n;
  }

  private void ensureCapacity(int needed, int limit) {
    if (needed <= bytes.length) {
      return;
    }
    int capacity = bytes.length;
    while (capacity < needed) {
      capacity = (int) Math.min((long) capacity * 2, limit);
    }
    bytes = Arrays.copyOf(bytes, capacity);
  }

  /** A fresh stream over the content each time: the SDK reads the body again when it retries. */
  InputStream newStream() {
    return new ByteArrayInputStream(bytes, 0, size);
  }

  void clear() {
    size = 0;
  }

  /** Lets go of the memory when the upload is over. */
  void release() {
    bytes = new byte[0];
    size = 0;
  }
}
