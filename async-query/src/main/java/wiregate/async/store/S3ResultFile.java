package wiregate.async.store;

import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import wiregate.core.async.ResultFile;
import wiregate.core.async.ResultFormat;

/**
 * A committed result object, as HeadObject described it. Reads are ranged GetObjects that stream
 * the response body; they carry If-Match with the etag, so a read never mixes two versions of an
 * object (results are written once, but a bucket is not the gateway's alone).
 *
 * @param etag S3's ETag without its quotes
 */
record S3ResultFile(S3Client s3, S3Location object, ResultFormat format, long size, String etag)
    implements ResultFile {

  @Override
  public InputStream open(long first, long last) throws IOException {
    if (first < 0 || last < first || last >= size) {
      throw new IllegalArgumentException("bytes " + first + "-" + last + " are not within the " + size + " of the result");
    }
    try {
      return new S3RangeStream(s3.getObject(r -> r.bucket(object.bucket()).key(object.key())
          .range("bytes=" + first + "-" + last).ifMatch('"' + etag + '"')), last - first + 1);
    } catch (S3Exception e) {
      if (e.statusCode() == 412) {
        throw new IOException(object + " changed since it was looked up (etag " + etag + ")", e);
      }
      throw new IOException("reading " + object + " failed: " + e.getMessage(), e);
    } catch (SdkException e) {
      throw new IOException("reading " + object + " failed: " + e.getMessage(), e);
    }
  }

  /** S3 sends the ETag header value, quotes included; the API's etag goes without them. */
  static String unquote(String etag) {
    if (etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
      return etag.substring(1, etag.length() - 1);
    }
    return etag;
  }
}
