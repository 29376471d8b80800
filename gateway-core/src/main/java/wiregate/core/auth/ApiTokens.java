package wiregate.core.auth;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer tokens for the HTTP API, kept in a YAML file next to the users file ({@code api-tokens.yaml}).
 * Only a SHA-256 hash of each token is stored: the token itself is shown once, when it is created.
 * A token reads {@code wgt_<id>_<secret>}; the id is public (it names the token in {@code list} and
 * {@code revoke}), the secret is 32 random bytes. A plain hash is enough here, unlike for passwords:
 * the secret has 256 bits of entropy, so there is nothing to guess from the hash.
 *
 * <pre>
 * tokens:
 *   3f9a0c1b22de:
 *     user: alice
 *     sha256: "9f86d0..."
 *     created: "2025-01-31T12:00:00Z"
 * </pre>
 *
 * The file is re-read when its modification time, size or identity changed, so a token created or
 * revoked by {@code gw token} while the gateway runs takes effect on the next request.
 */
public final class ApiTokens {
  private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);
  private static final String PREFIX = "wgt_";
  private static final int ID_BYTES = 6;
  private static final int SECRET_BYTES = 32;

  /** One stored token: never the token itself. */
  public record Entry(String id, String user, String sha256, Instant created) {}

  private record FileVersion(Object modified, long size, Object fileKey) {}

  private final Path file;
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private volatile Map<String, Entry> entries = Map.of();
  private volatile FileVersion loaded;

  public ApiTokens(Path file) {
    this.file = file.toAbsolutePath().normalize();
  }

  /** The tokens file that belongs with a users file: {@code api-tokens.yaml} in the same directory. */
  public static ApiTokens besideUsersFile(Path usersFile) {
    return new ApiTokens(usersFile.toAbsolutePath().normalize().resolveSibling("api-tokens.yaml"));
  }

  public Path file() {
    return file;
  }

  /**
   * Creates a token for {@code user} and stores its hash.
   *
   * @return the token, which cannot be recovered later
   */
  public synchronized String create(String user, SecureRandom random) throws IOException {
    UserNames.requireValid(user);
    byte[] id = new byte[ID_BYTES];
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(id);
    random.nextBytes(secret);
    String idText = HexFormat.of().formatHex(id);
    String token = PREFIX + idText + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Map<String, Entry> updated = new LinkedHashMap<>(read());
    updated.put(idText, new Entry(idText, user, sha256Hex(token), Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    write(updated);
    return token;
  }

  /** @return whether a token with this id existed */
  public synchronized boolean revoke(String id) throws IOException {
    Map<String, Entry> updated = new LinkedHashMap<>(read());
    if (updated.remove(id) == null) {
      return false;
    }
    write(updated);
    return true;
  }

  public List<Entry> list() throws IOException {
    return new ArrayList<>(read().values());
  }

  /**
   * The user a presented token belongs to, or empty when it is unknown, revoked or malformed. The
   * hash comparison takes the same time wherever the first differing byte is.
   */
  public Optional<String> userFor(String token) {
    if (token == null || !token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int separator = token.indexOf('_', PREFIX.length());
    if (separator < 0) {
      return Optional.empty();
    }
    Entry entry = current().get(token.substring(PREFIX.length(), separator));
    if (entry == null) {
      return Optional.empty();
    }
    byte[] presented = sha256Hex(token).getBytes(StandardCharsets.US_ASCII);
    byte[] stored = entry.sha256().getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(presented, stored) ? Optional.of(entry.user()) : Optional.empty();
  }

  private Map<String, Entry> current() {
    FileVersion version = version();
    if (!Objects.equals(version, loaded)) {
      synchronized (this) {
        if (!Objects.equals(version, loaded)) {
          try {
            entries = read();
          } catch (IOException e) {
            log.warn("keeping the previous API tokens: {}", e.getMessage());
          }
          loaded = version;
        }
      }
    }
    return entries;
  }

  private FileVersion version() {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileVersion(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
    } catch (IOException e) {
      return null;
    }
  }

  private Map<String, Entry> read() throws IOException {
    JsonNode root;
    try {
      root = yaml.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      return Map.of();
    }
    Map<String, Entry> byId = new LinkedHashMap<>();
    if (root == null || root.isNull() || root.isMissingNode()) {
      return byId;
    }
    JsonNode tokens = root.path("tokens");
    if (!root.isObject() || !(tokens.isObject() || tokens.isMissingNode() || tokens.isNull())) {
      throw new IOException(file + ": expected a mapping 'tokens' of token ids");
    }
    for (Map.Entry<String, JsonNode> token : tokens.properties()) {
      JsonNode value = token.getValue();
      String user = value.path("user").asText(null);
      String hash = value.path("sha256").asText(null);
      if (user == null || hash == null) {
        throw new IOException(file + ": token '" + token.getKey() + "' needs 'user' and 'sha256'");
      }
      String created = value.path("created").asText(null);
      byId.put(token.getKey(), new Entry(token.getKey(), user, hash, created == null ? null : Instant.parse(created)));
    }
    return byId;
  }

  /** Replaces the file atomically, owner-only from the start. */
  private void write(Map<String, Entry> tokens) throws IOException {
    ObjectNode root = yaml.createObjectNode();
    ObjectNode all = root.putObject("tokens");
    tokens.values().forEach(entry -> {
      ObjectNode node = all.putObject(entry.id());
      node.put("user", entry.user());
      node.put("sha256", entry.sha256());
      if (entry.created() != null) {
        node.put("created", entry.created().toString());
      }
    });
    String text = "# wiregate API tokens: SHA-256 hashes only, never the tokens\n" + yaml.writeValueAsString(root);
    Files.createDirectories(file.getParent());
    Path temp = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        ? Files.createTempFile(file.getParent(), ".api-tokens-", ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        : Files.createTempFile(file.getParent(), ".api-tokens-", ".tmp");
    try {
      Files.writeString(temp, text);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static String sha256Hex(String token) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }
}
