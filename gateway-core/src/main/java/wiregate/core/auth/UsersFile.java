package wiregate.core.auth;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.JacksonYAMLParseException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the YAML users file:
 * <pre>
 * users:
 *   alice:
 *     scram-sha-256: "SCRAM-SHA-256$4096:...$...:..."
 *     md5: "md5..."
 *     mysql-native: "*0123...CDEF"
 * </pre>
 * {@code mysql-native} is optional: files written before the MySQL protocol existed lack it.
 */
final class UsersFile {
  private static final String HEADER = "# wiregate users: verifiers only, never passwords\n";
  private static final String USERS = "users";
  private static final String SCRAM = "scram-sha-256";
  private static final String MD5 = "md5";
  private static final String MYSQL_NATIVE = "mysql-native";
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final Path file;
  private final ObjectMapper yaml;

  UsersFile(Path file) {
    this.file = file.toAbsolutePath().normalize();
    this.yaml = new ObjectMapper(new YAMLFactory()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION); // a user listed twice is an error
  }

  Path path() {
    return file;
  }

  /** The users by name, in file order; a missing file holds no user. */
  Map<String, UserRecord> read() throws UsersFileException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      throw new UsersFileException("cannot read users file " + file + ": " + e.getMessage(), e);
    }
    JsonNode root;
    try {
      root = yaml.readTree(text);
    } catch (JsonProcessingException e) {
      // The YAML parser's own messages say where; Jackson's (such as a duplicate key) do not.
      String line = e instanceof JacksonYAMLParseException || e.getLocation() == null ? ""
          : " (line " + e.getLocation().getLineNr() + ")";
      throw new UsersFileException(file + line + ": not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return Map.of();
    }
    if (!root.isObject()) {
      throw new UsersFileException(file + ": expected a mapping with a '" + USERS + "' key");
    }
    for (String key : (Iterable<String>) root::fieldNames) {
      if (!key.equals(USERS)) {
        throw new UsersFileException(file + ": unknown key '" + key + "', expected only '" + USERS + "'");
      }
    }
    JsonNode users = root.path(USERS);
    if (users.isMissingNode() || users.isNull()) {
      return Map.of();
    }
    if (!users.isObject()) {
      throw new UsersFileException(file + ": '" + USERS + "' must map user names to their verifiers");
    }
    Map<String, UserRecord> byName = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : users.properties()) {
      byName.put(entry.getKey(), toRecord(entry.getKey(), entry.getValue()));
    }
    return byName;
  }

  /** Replaces the file atomically: readers see the old file or the new one, never a partial one. */
  void write(Collection<UserRecord> records) throws IOException {
    Path dir = file.getParent();
    Files.createDirectories(dir);
    Path temp = createOwnerOnlyTempFile(dir);
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        out.write(ByteBuffer.wrap(render(records).getBytes(StandardCharsets.UTF_8)));
        out.force(true); // the data must be on disk before the rename makes it the users file
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private UserRecord toRecord(String name, JsonNode entry) throws UsersFileException {
    String where = file + ": user '" + name + "': ";
    if (!entry.isObject()) {
      throw new UsersFileException(where + "expected a mapping with '" + SCRAM + "' and '" + MD5 + "'");
    }
    for (String key : (Iterable<String>) entry::fieldNames) {
      if (!key.equals(SCRAM) && !key.equals(MD5) && !key.equals(MYSQL_NATIVE)) {
        throw new UsersFileException(where + "unknown key '" + key + "', expected '" + SCRAM
            + "', '" + MD5 + "' and optionally '" + MYSQL_NATIVE + "'");
      }
    }
    try {
      UserNames.requireValid(name);
    } catch (IllegalArgumentException e) {
      throw new UsersFileException(where + e.getMessage(), e);
    }
    ScramVerifier scram;
    try {
      scram = ScramVerifier.parse(requiredText(entry, SCRAM, where));
    } catch (IllegalArgumentException e) {
      throw new UsersFileException(where + "'" + SCRAM + "' is not a valid verifier: " + e.getMessage(), e);
    }
    Md5Verifier md5;
    try {
      md5 = new Md5Verifier(requiredText(entry, MD5, where));
    } catch (IllegalArgumentException e) {
      throw new UsersFileException(where + "'" + MD5 + "' is not a valid verifier: " + e.getMessage(), e);
    }
    MySqlNativeVerifier mysqlNative = null;
    if (entry.has(MYSQL_NATIVE)) {
      try {
        mysqlNative = MySqlNativeVerifier.parse(requiredText(entry, MYSQL_NATIVE, where));
      } catch (IllegalArgumentException e) {
        throw new UsersFileException(where + "'" + MYSQL_NATIVE + "' is not a valid verifier: " + e.getMessage(), e);
      }
    }
    return new UserRecord(name, scram, md5, mysqlNative);
  }

  private static String requiredText(JsonNode entry, String key, String where) throws UsersFileException {
    JsonNode value = entry.get(key);
    if (value == null || value.isNull()) {
      throw new UsersFileException(where + "'" + key + "' is missing");
    }
    if (!value.isTextual()) {
      throw new UsersFileException(where + "'" + key + "' must be a string");
    }
    return value.textValue();
  }

  private String render(Collection<UserRecord> records) throws JsonProcessingException {
    ObjectNode root = yaml.createObjectNode();
    ObjectNode users = root.putObject(USERS);
    records.stream().sorted(Comparator.comparing(UserRecord::name)).forEach(user -> {
      ObjectNode entry = users.putObject(user.name());
      entry.put(SCRAM, user.scram().text());
      entry.put(MD5, user.md5().text());
      user.mysqlNativeVerifier().ifPresent(v -> entry.put(MYSQL_NATIVE, v.text()));
    });
    return HEADER + yaml.writeValueAsString(root);
  }

  /** Created with 0600 from the start, so the verifiers are never readable by others, even briefly. */
  private static Path createOwnerOnlyTempFile(Path dir) throws IOException {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return Files.createTempFile(dir, ".users-", ".tmp");
    }
    Path temp = Files.createTempFile(dir, ".users-", ".tmp",
        PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    Files.setPosixFilePermissions(temp, OWNER_ONLY); // a strict umask may have cleared owner bits
    return temp;
  }
}
