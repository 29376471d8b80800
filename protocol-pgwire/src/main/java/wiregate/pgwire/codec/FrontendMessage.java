package wiregate.pgwire.codec;

import java.util.Map;

/** Messages a PostgreSQL client sends, as the decoders produce them. */
public sealed interface FrontendMessage {
  /** StartupMessage: protocol version (major << 16 | minor) and the parameters, in order. */
  record Startup(int protocolVersion, Map<String, String> parameters) implements FrontendMessage {
    public int major() {
      return protocolVersion >>> 16;
    }

    public int minor() {
      return protocolVersion & 0xFFFF;
    }
  }

  record SslRequest() implements FrontendMessage {}

  record GssEncRequest() implements FrontendMessage {}

  record CancelRequest(int processId, int secret) implements FrontendMessage {}

  /**
   * A 'p' message: PasswordMessage, SASLInitialResponse or SASLResponse. Which one depends on the
   * authentication exchange in progress, so the payload stays raw until the exchange reads it.
   */
  record AuthenticationResponse(byte[] payload) implements FrontendMessage {}

  record Query(String sql) implements FrontendMessage {}

  record Sync() implements FrontendMessage {}

  record Flush() implements FrontendMessage {}

  record Terminate() implements FrontendMessage {}

  /** Input that breaks the protocol; the connection answers with the error and closes. */
  record Malformed(wiregate.core.model.GatewayError error) implements FrontendMessage {}

  /** A well-framed message whose body is wrong: an ERROR, after which the session goes on. */
  record Invalid(char type, wiregate.core.model.GatewayError error) implements FrontendMessage {}

  /** Parse: a statement name ("" = unnamed), its text and the parameter types the client fixed (0 = infer). */
  record Parse(String statement, String sql, int[] parameterTypes) implements FrontendMessage {}

  /** Bind: values (null = NULL) with their format codes, and the result format codes. */
  record Bind(String portal, String statement, short[] parameterFormats, byte[][] values, short[] resultFormats)
      implements FrontendMessage {}

  /** Describe ('S' statement or 'P' portal). */
  record Describe(char kind, String name) implements FrontendMessage {}

  record Execute(String portal, int maxRows) implements FrontendMessage {}

  /** Close ('S' statement or 'P' portal). */
  record Close(char kind, String name) implements FrontendMessage {}

  record CopyData(byte[] data) implements FrontendMessage {}

  record CopyDone() implements FrontendMessage {}

  record CopyFail(String reason) implements FrontendMessage {}

  /** A message type this gateway does not handle (yet); answered with an error. */
  record Unsupported(char type) implements FrontendMessage {}
}
