package wiregate.http.endpoint;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Optional;
import wiregate.core.async.AsyncQueryException;
import wiregate.core.async.ResultFile;
import wiregate.http.ApiException;
import wiregate.http.ApiRequest;
import wiregate.http.ApiResponse;
import wiregate.http.ByteRange;
import wiregate.http.Endpoint;
import wiregate.http.EntityTags;
import wiregate.http.HttpServices;

/**
 * {@code GET /v1/queries/{id}/result}: the result file with its format's Content-Type, an ETag, and
 * one byte range on request (206; 416 beyond the end). If-None-Match with the current ETag is 304.
 * The body is streamed from storage by the response writer, never read whole.
 */
public final class DownloadResult implements Endpoint {
  private final HttpServices services;

  public DownloadResult(HttpServices services) {
    this.services = services;
  }

  @Override
  public ApiResponse handle(ApiRequest request) throws ApiException, AsyncQueryException {
    ResultFile file = services.requireQueries().result(request.user(), request.pathParam("id"));
    String etag = EntityTags.quote(file.etag());
    HttpHeaders headers = new DefaultHttpHeaders()
        .set(HttpHeaderNames.ETAG, etag)
        .set(HttpHeaderNames.ACCEPT_RANGES, "bytes")
        .set(HttpHeaderNames.CACHE_CONTROL, "private");
    if (EntityTags.noneMatchHits(request.headers().get(HttpHeaderNames.IF_NONE_MATCH), etag)) {
      return new ApiResponse.Empty(HttpResponseStatus.NOT_MODIFIED, headers);
    }
    long size = file.size();
    headers.set(HttpHeaderNames.CONTENT_TYPE, file.format().contentType());
    headers.set(HttpHeaderNames.CONTENT_DISPOSITION,
        "attachment; filename=\"" + request.pathParam("id") + "." + file.format().extension() + "\"");
    Optional<ByteRange> range;
    try {
      range = ByteRange.parse(request.headers().get(HttpHeaderNames.RANGE), size);
    } catch (ByteRange.Unsatisfiable e) {
      throw new ApiException(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "RANGE_NOT_SATISFIABLE",
          e.getMessage()).header(HttpHeaderNames.CONTENT_RANGE, "bytes */" + size);
    }
    if (range.isPresent()) {
      headers.set(HttpHeaderNames.CONTENT_RANGE, range.get().contentRange(size));
      return new ApiResponse.Download(HttpResponseStatus.PARTIAL_CONTENT, headers, file, range.get().first(),
          range.get().last());
    }
    return new ApiResponse.Download(HttpResponseStatus.OK, headers, file, 0, size - 1);
  }
}
