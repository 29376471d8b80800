package wiregate.async.store;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import wiregate.core.async.ResultFile;
import wiregate.core.async.ResultFormat;
import wiregate.core.config.AsyncConfig;
import wiregate.core.config.ConfigException;

/**
 * Result objects in an S3 bucket (AWS or any S3-compatible server): {@code <prefix><id>.<extension>}.
 * A result streams to a multipart upload while its query runs ({@link S3MultipartStream}); the
 * object appears only when the upload completes, so a reader never sees half a result, and an
 * upload closed without a commit is aborted, which deletes its parts.
 *
 * <p>The bucket must exist: the gateway does not create it (see {@link #connect}).
 */
public final class S3ResultStore implements ResultStore {
  private static final Logger log = LoggerFactory.getLogger(S3ResultStore.class);
  /** Bytes per uploaded part: well above S3's 5 MiB minimum, and the most one upload buffers. */
  static final int PART_SIZE = 8 * 1024 * 1024;

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final int partSize;

  S3ResultStore(S3Client s3, String bucket, String prefix, int partSize) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix == null ? "" : prefix;
    this.partSize = partSize;
  }

  /**
   * A store on the configured bucket, once HeadBucket showed that it exists and the credentials
   * may use it. The bucket is not created on demand: where it lives, who may read it, its
   * encryption and lifecycle rules are the operator's choices, a gateway should not need the right
   * to create buckets, and a misspelt name would quietly put results into a new bucket.
   */
  public static S3ResultStore connect(AsyncConfig.S3Config config) throws ConfigException, IOException {
    S3Client s3 = S3Clients.create(config);
    try {
      checkBucket(s3, config);
      S3ResultStore store = new S3ResultStore(s3, config.bucket, config.prefix, PART_SIZE);
      log.info("async results go to s3://{}/{} at {}", config.bucket, store.prefix,
          config.endpoint != null ? config.endpoint : "AWS S3 in " + config.region);
      return store;
    } catch (ConfigException | IOException | RuntimeException e) {
      s3.close();
      throw e;
    }
  }

  private static void checkBucket(S3Client s3, AsyncConfig.S3Config config) throws ConfigException, IOException {
    String where = "s3://" + config.bucket + (config.endpoint != null ? " at " + config.endpoint : " in " + config.region);
    try {
      s3.headBucket(r -> r.bucket(config.bucket));
    } catch (S3Exception e) {
      // NoSuchBucketException, or a bare 404: a HEAD answer has no body to name the error
      if (e instanceof NoSuchBucketException || e.statusCode() == 404) {
        throw new ConfigException("bad value for 'async.storage.s3.bucket': " + where
            + " does not exist; create it first (the gateway does not create buckets)");
      }
      if (e.statusCode() == 401 || e.statusCode() == 403) {
        throw new ConfigException("async.storage.s3: access to " + where + " is denied (" + e.statusCode()
            + "); check access-key and secret-key or the credentials of the default chain, and the bucket's policy");
      }
      if (e.statusCode() == 301) {
        throw new ConfigException("bad value for 'async.storage.s3.region': " + where
            + " is in another region than '" + config.region + "'");
      }
      throw new IOException("async.storage.s3: checking " + where + " failed: " + e.getMessage(), e);
    } catch (SdkException e) {
      throw new IOException("async.storage.s3: cannot reach " + where + ": " + e.getMessage(), e);
    }
  }

  private S3Location location(String id, ResultFormat format) {
    return new S3Location(bucket, prefix + id + "." + format.extension());
  }

  @Override
  public ResultUpload create(String id, ResultFormat format) {
    S3MultipartStream stream = new S3MultipartStream(s3, location(id, format), format.contentType(), partSize);
    return new ResultUpload() {
      private boolean committed;

      @Override
      public OutputStream stream() {
        return stream;
      }

      @Override
      public void commit() throws IOException {
        stream.complete();
        committed = true;
      }

      @Override
      public void close() {
        if (!committed) {
          stream.abort();
        }
      }
    };
  }

  @Override
  public Optional<ResultFile> open(String id, ResultFormat format) throws IOException {
    S3Location object = location(id, format);
    try {
      HeadObjectResponse head = s3.headObject(r -> r.bucket(object.bucket()).key(object.key()));
      return Optional.of(new S3ResultFile(s3, object, format, head.contentLength(), S3ResultFile.unquote(head.eTag())));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty(); // a HEAD answer has no body to name the error: 404 is all there is
      }
      throw new IOException("looking up " + object + " failed: " + e.getMessage(), e);
    } catch (SdkException e) {
      throw new IOException("looking up " + object + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void delete(String id, ResultFormat format) throws IOException {
    S3Location object = location(id, format);
    try {
      s3.deleteObject(r -> r.bucket(object.bucket()).key(object.key())); // S3: deleting a missing key succeeds
    } catch (NoSuchKeyException e) {
      // some S3-compatible servers answer 404 all the same
    } catch (SdkException e) {
      throw new IOException("deleting " + object + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    s3.close();
  }
}
