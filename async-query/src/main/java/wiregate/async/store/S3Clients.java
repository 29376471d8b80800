package wiregate.async.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import wiregate.core.config.AsyncConfig;
import wiregate.core.config.ConfigException;

/** Builds the S3 client of {@code async.storage.s3}: endpoint, region, addressing and credentials. */
final class S3Clients {
  /**
   * Connections to storage at once. A download holds one for as long as its client takes to read
   * the result, so the pool is far larger than the number of queries writing at once.
   */
  private static final int MAX_CONNECTIONS = 200;

  private S3Clients() {}

  static S3Client create(AsyncConfig.S3Config s3) throws ConfigException {
    if (s3.region == null || s3.region.isBlank()) {
      throw new ConfigException("bad value for 'async.storage.s3.region': must be set (S3-compatible servers"
          + " without regions accept us-east-1)");
    }
    S3ClientBuilder builder = S3Client.builder()
        .httpClientBuilder(Apache5HttpClient.builder()
            .maxConnections(MAX_CONNECTIONS)
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(Duration.ofSeconds(60)))
        .region(Region.of(s3.region))
        .credentialsProvider(credentials(s3))
        .forcePathStyle(s3.pathStyle)
        // Checksums only where S3 requires them: the SDK's newer default (a CRC trailer on every
        // upload, in aws-chunked encoding) is not understood by many S3-compatible servers. The
        // bytes are still protected: SigV4 signs the payload over plain HTTP, TLS does over HTTPS.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (s3.endpoint != null && !s3.endpoint.isBlank()) {
      builder.endpointOverride(endpoint(s3.endpoint));
    }
    return builder.build();
  }

  /** Static keys from the configuration, or when there are none the SDK's default chain. */
  private static AwsCredentialsProvider credentials(AsyncConfig.S3Config s3) throws ConfigException {
    boolean access = s3.accessKey != null && !s3.accessKey.isBlank();
    boolean secret = s3.secretKey != null && !s3.secretKey.isBlank();
    if (access != secret) {
      throw new ConfigException("bad value for 'async.storage.s3." + (access ? "secret-key" : "access-key")
          + "': access-key and secret-key go together (leave both unset for the AWS default credential chain)");
    }
    // The default chain: environment, system properties, profile files, container and instance roles.
    return access ? StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey, s3.secretKey))
        : DefaultCredentialsProvider.builder().build();
  }

  private static URI endpoint(String endpoint) throws ConfigException {
    try {
      URI uri = new URI(endpoint);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new ConfigException("bad value for 'async.storage.s3.endpoint': '" + endpoint
            + "' is not an http:// or https:// URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException("bad value for 'async.storage.s3.endpoint': " + e.getMessage());
    }
  }
}
