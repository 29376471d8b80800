package wiregate.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import wiregate.core.async.ResultFile;

/** What an endpoint answers; {@link ResponseWriter} puts it on the wire. */
public sealed interface ApiResponse {

  /** A JSON document. */
  record Json(HttpResponseStatus status, JsonNode body, HttpHeaders headers) implements ApiResponse {
    public Json(HttpResponseStatus status, JsonNode body) {
      this(status, body, new DefaultHttpHeaders());
    }
  }

  /** A small text body of a given type (the Prometheus exposition). */
  record Text(HttpResponseStatus status, String contentType, String body) implements ApiResponse {}

  /** A status with headers and no body (304 Not Modified). */
  record Empty(HttpResponseStatus status, HttpHeaders headers) implements ApiResponse {}

  /**
   * Bytes {@code first..last} (inclusive) of a result file, streamed from storage. {@code headers}
   * already holds everything but the body's framing.
   */
  record Download(HttpResponseStatus status, HttpHeaders headers, ResultFile file, long first, long last)
      implements ApiResponse {
    public long length() {
      return last - first + 1;
    }
  }

  /** Switch the connection to a WebSocket that streams one query's events. */
  record EventStream(String user, String queryId) implements ApiResponse {}
}
