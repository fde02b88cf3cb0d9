package io.github.homelabha.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import io.github.homelabha.core.api.Secret;
import io.github.homelabha.core.api.Validatable;
import io.github.homelabha.core.io.BoundedFiles;
import io.github.homelabha.core.secrets.Redactor;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads an exporter's configuration: the YAML file, then flag overrides at their key paths, bound
 * strictly to the configuration class. Every problem is collected with its key path (unknown keys,
 * wrong types, bad durations, then {@link Validatable} checks) and reported together.
 *
 * <p>Conventions for every exporter: snake_case keys, Prometheus durations, {@link Secret} values
 * registered with the {@link Redactor}.
 */
public final class ConfigLoader {
  /** A configuration file is a few KiB; the cap keeps a wrong path (a log, a device) harmless. */
  static final long MAX_FILE_BYTES = 1 << 20;

  private final Redactor redactor;
  private final Map<String, String> env;

  public ConfigLoader(Redactor redactor) {
    this(redactor, System.getenv());
  }

  /** With {@code env} as the environment that {@code <key>_env} secret keys read. */
  public ConfigLoader(Redactor redactor, Map<String, String> env) {
    this.redactor = redactor;
    this.env = env;
  }

  /** The mapper every configuration is bound with. */
  public static ObjectMapper yamlMapper() {
    return configure(new ObjectMapper(new YAMLFactory()));
  }

  /** A JSON mapper with the same conventions, for JSON endpoints and tests. */
  public static ObjectMapper jsonMapper() {
    return configure(JsonMapper.builder().build());
  }

  private static ObjectMapper configure(ObjectMapper mapper) {
    return mapper
        .registerModule(ConfigDeserializers.module())
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
  }

  /**
   * Loads {@code type} from {@code file} (may be null: defaults only) with {@code overrides}
   * (dotted key path to value) applied on top.
   */
  public <C> C load(Class<C> type, Path file, Map<String, Object> overrides)
      throws InvalidConfigException {
    ConfigProblems problems = new ConfigProblems();
    if (file == null && overrides.isEmpty()) {
      // Nothing to bind: Jackson would only call the no-argument constructor. Skipping it keeps
      // its ~550 classes (and the locale data its date handling pulls in) out of an exporter
      // started with flag defaults: about 6 MiB of RSS and 0.2 s of CPU (see bench/RESULTS.md).
      C defaults = defaults(type);
      if (defaults != null) {
        return checked(defaults, problems);
      }
    }
    ObjectMapper mapper = yamlMapper();
    ObjectNode tree = readTree(mapper, file, problems);
    problems.throwIfAny();
    return load(type, mapper, tree, overrides, problems);
  }

  /**
   * Loads {@code type} from {@code section}, a part of a larger YAML document holding exactly what
   * the exporter's own configuration file would (null: defaults only), with {@code overrides}
   * applied on top.
   */
  public <C> C loadSection(Class<C> type, JsonNode section, Map<String, Object> overrides)
      throws InvalidConfigException {
    ConfigProblems problems = new ConfigProblems();
    ObjectNode tree;
    if (section == null || section.isNull() || section.isMissingNode()) {
      tree = JsonNodeFactory.instance.objectNode();
    } else if (section instanceof ObjectNode object) {
      tree = object.deepCopy();
    } else {
      problems.add("", "must be a YAML mapping");
      throw new InvalidConfigException(problems.list());
    }
    return load(type, yamlMapper(), tree, overrides, problems);
  }

  private <C> C load(
      Class<C> type,
      ObjectMapper mapper,
      ObjectNode tree,
      Map<String, Object> overrides,
      ConfigProblems problems)
      throws InvalidConfigException {
    overrides.forEach((path, value) -> ConfigPaths.set(tree, path, mapper.valueToTree(value)));
    new SecretSources(env, problems).resolve(tree, type, "");
    problems.throwIfAny();
    return checked(bind(mapper, tree, type, problems), problems);
  }

  private static <C> C bind(ObjectMapper mapper, ObjectNode tree, Class<C> type, ConfigProblems p)
      throws InvalidConfigException {
    try {
      C config =
          mapper
              .readerFor(type)
              .withHandler(new CollectingProblemHandler(p))
              .readValue(mapper.treeAsTokens(tree));
      p.throwIfAny();
      return config;
    } catch (JsonProcessingException e) {
      p.add(ConfigPaths.of(e), e.getOriginalMessage());
    } catch (IOException e) {
      p.add("", e.getMessage());
    }
    throw new InvalidConfigException(p.list());
  }

  /** Validates the bound configuration and registers its secrets. */
  private <C> C checked(C config, ConfigProblems problems) throws InvalidConfigException {
    ConfigWalker.walk(config, redactor, problems);
    problems.throwIfAny();
    return config;
  }

  /**
   * The configuration class's defaults, from its no-argument constructor; null when it has none
   * (then Jackson decides how to build it).
   */
  private static <C> C defaults(Class<C> type) {
    try {
      var constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static ObjectNode readTree(ObjectMapper mapper, Path file, ConfigProblems problems) {
    if (file == null) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      JsonNode node = mapper.readTree(BoundedFiles.read(file, MAX_FILE_BYTES));
      if (node == null || node.isMissingNode() || node.isNull()) {
        return JsonNodeFactory.instance.objectNode();
      }
      if (!node.isObject()) {
        problems.add("", "the configuration file " + file + " must be a YAML mapping");
        return JsonNodeFactory.instance.objectNode();
      }
      return (ObjectNode) node;
    } catch (JsonProcessingException e) {
      // Only the position: the parser's message quotes the offending line, which can hold a
      // password (an unterminated quote), and no secret is registered with the redactor yet.
      JsonLocation loc = e.getLocation();
      problems.add(
          "",
          "YAML syntax error in "
              + file
              + (loc == null
                  ? ""
                  : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr()));
    } catch (NoSuchFileException | AccessDeniedException e) {
      problems.add("", "cannot read configuration file " + file + " (missing or no permission)");
    } catch (IOException e) {
      problems.add("", "cannot read configuration file " + file + ": " + e.getMessage());
    }
    return JsonNodeFactory.instance.objectNode();
  }
}
