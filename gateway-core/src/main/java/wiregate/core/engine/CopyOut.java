package wiregate.core.engine;

import wiregate.core.model.GatewayException;

/** A running COPY ... TO STDOUT on the engine, read one data chunk (normally one row) at a time. */
public interface CopyOut {
  int format();

  int[] columnFormats();

  /** The next chunk, or null when the copy is complete. */
  byte[] read() throws GatewayException;

  long rowCount();
}
