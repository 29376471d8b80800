package wiregate.core.engine;

import wiregate.core.model.GatewayException;

/** A running COPY ... FROM STDIN on the engine: the client's data goes in as it arrives. */
public interface CopyIn {
  /** 0 = text or csv, 1 = binary; and the per-column formats the engine announced. */
  int format();

  int[] columnFormats();

  void write(byte[] data) throws GatewayException;

  /** Ends the copy; returns the number of rows copied. */
  long finish() throws GatewayException;

  /** Aborts the copy (the client sent CopyFail); the engine rolls it back. */
  void abort();
}
