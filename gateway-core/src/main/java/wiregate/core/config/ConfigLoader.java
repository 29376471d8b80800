package wiregate.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Reads the YAML file, applies {@code --set path.to.key=value} overrides, binds and validates. */
public final class ConfigLoader {
  private final ObjectMapper yaml;

  public ConfigLoader() {
    yaml = new ObjectMapper(new YAMLFactory())
        .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
  }

  public GatewayConfig load(Path file, List<String> overrides) throws ConfigException {
    ObjectNode tree = readTree(file);
    for (String override : overrides) {
      applyOverride(tree, override);
    }
    GatewayConfig config = bind(tree);
    ConfigValidator.validate(config);
    return config;
  }

  /** The configuration as the tree it binds from: the keys and values a file would hold. */
  public ObjectNode toTree(GatewayConfig config) {
    return yaml.valueToTree(config);
  }

  /** Binds and validates a tree, as {@link #load} does after reading the sources. */
  public GatewayConfig fromTree(ObjectNode tree) throws ConfigException {
    GatewayConfig config = bind(tree);
    ConfigValidator.validate(config);
    return config;
  }

  private ObjectNode readTree(Path file) throws ConfigException {
    if (file == null) {
      return yaml.createObjectNode();
    }
    try {
      JsonNode node = yaml.readTree(Files.readString(file));
      if (node == null || node.isMissingNode() || node.isNull()) {
        return yaml.createObjectNode();
      }
      if (!node.isObject()) {
        throw new ConfigException(file + ": the configuration must be a YAML mapping");
      }
      return (ObjectNode) node;
    } catch (JsonProcessingException e) {
      throw new ConfigException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
    }
  }

  private void applyOverride(ObjectNode tree, String override) throws ConfigException {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException("--set expects path.to.key=value, got '" + override + "'");
    }
    String[] path = override.substring(0, eq).trim().split("\\.");
    String raw = override.substring(eq + 1);
    ObjectNode node = tree;
    for (int i = 0; i < path.length - 1; i++) {
      JsonNode child = node.get(path[i]);
      if (child == null || !child.isObject()) {
        child = node.putObject(path[i]);
      }
      node = (ObjectNode) child;
    }
    node.set(path[path.length - 1], parseScalar(raw));
  }

  /** A value on the command line is read as a YAML scalar, so 5432 is a number and true a boolean. */
  private JsonNode parseScalar(String raw) {
    if (raw.isEmpty()) {
      return NullNode.getInstance();
    }
    try {
      JsonNode node = yaml.readTree(raw);
      return node == null || !node.isValueNode() ? yaml.getNodeFactory().textNode(raw) : node;
    } catch (JsonProcessingException e) {
      return yaml.getNodeFactory().textNode(raw);
    }
  }

  private GatewayConfig bind(ObjectNode tree) throws ConfigException {
    try {
      return yaml.treeToValue(tree, GatewayConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException("unknown configuration key '" + path(e) + "'", e);
    } catch (InvalidFormatException e) {
      throw new ConfigException("bad value for '" + path(e) + "': '" + e.getValue()
          + "' is not a valid " + describe(e.getTargetType()), e);
    } catch (MismatchedInputException e) {
      throw new ConfigException("bad value for '" + path(e) + "': expected " + describe(e.getTargetType()), e);
    } catch (JsonProcessingException e) {
      throw new ConfigException("bad configuration: " + e.getOriginalMessage(), e);
    }
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "value";
    }
    if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      return "choice (one of " + java.util.Arrays.stream(constants)
          .map(c -> c instanceof ConfigChoice choice ? choice.key() : c.toString())
          .collect(Collectors.joining(", ")) + ")";
    }
    if (type == int.class || type == Integer.class || type == long.class) {
      return "integer";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "boolean (true or false)";
    }
    if (type == String.class) {
      return "string";
    }
    return "mapping";
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
  }
}
