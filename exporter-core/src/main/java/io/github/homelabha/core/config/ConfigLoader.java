package io.github.homelabha.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.ClassUtil;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import io.github.homelabha.core.api.Secret;
import io.github.homelabha.core.api.Validatable;
import io.github.homelabha.core.secrets.Redactor;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.IdentityHashMap;
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

  private static ObjectMapper configure(ObjectMapper mapper) {
    SimpleModule module = new SimpleModule("homelabha-config");
    module.addDeserializer(Duration.class, new DurationDeserializer());
    module.addDeserializer(Secret.class, new SecretDeserializer());
    return mapper
        .registerModule(module)
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
        walk(defaults, "", problems, new IdentityHashMap<>());
        problems.throwIfAny();
        return defaults;
      }
    }
    ObjectMapper mapper = yamlMapper();
    ObjectNode tree = readTree(mapper, file, problems);
    problems.throwIfAny();
    return bind(type, mapper, tree, overrides, problems);
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
    return bind(type, yamlMapper(), tree, overrides, problems);
  }

  private <C> C bind(
      Class<C> type,
      ObjectMapper mapper,
      ObjectNode tree,
      Map<String, Object> overrides,
      ConfigProblems problems)
      throws InvalidConfigException {
    overrides.forEach((path, value) -> setPath(tree, path, mapper.valueToTree(value)));
    new SecretSources(env, problems).resolve(tree, type, "");
    problems.throwIfAny();

    C config;
    try {
      config =
          mapper
              .readerFor(type)
              .withHandler(new CollectingProblemHandler(problems))
              .readValue(mapper.treeAsTokens(tree));
    } catch (JsonProcessingException e) {
      problems.add(pathOf(e), e.getOriginalMessage());
      throw new InvalidConfigException(problems.list());
    } catch (IOException e) {
      problems.add("", e.getMessage());
      throw new InvalidConfigException(problems.list());
    }
    problems.throwIfAny();
    walk(config, "", problems, new IdentityHashMap<>());
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
    if (!Files.isReadable(file)) {
      problems.add("", "cannot read configuration file " + file + " (missing or no permission)");
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      JsonNode node = mapper.readTree(file.toFile());
      if (node == null || node.isMissingNode() || node.isNull()) {
        return JsonNodeFactory.instance.objectNode();
      }
      if (!node.isObject()) {
        problems.add("", "the configuration file " + file + " must be a YAML mapping");
        return JsonNodeFactory.instance.objectNode();
      }
      return (ObjectNode) node;
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      problems.add(
          "",
          "YAML syntax error in "
              + file
              + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
              + ": "
              + e.getOriginalMessage());
    } catch (IOException e) {
      problems.add("", "cannot read configuration file " + file + ": " + e.getMessage());
    }
    return JsonNodeFactory.instance.objectNode();
  }

  /** Sets {@code a.b.c} in the tree, creating objects on the way. */
  static void setPath(ObjectNode root, String path, JsonNode value) {
    String[] parts = path.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (!(child instanceof ObjectNode)) {
        child = node.putObject(parts[i]);
      }
      node = (ObjectNode) child;
    }
    node.set(parts[parts.length - 1], value);
  }

  /** Calls {@link Validatable#validate} on every configuration object and registers secrets. */
  private void walk(Object obj, String path, ConfigProblems problems, Map<Object, Boolean> seen) {
    if (obj == null || seen.put(obj, Boolean.TRUE) != null) {
      return;
    }
    if (obj instanceof Secret s) {
      redactor.register(s.value());
      return;
    }
    if (obj instanceof Validatable v) {
      v.validate(problems.at(path));
    }
    if (obj instanceof Collection<?> c) {
      int i = 0;
      for (Object item : c) {
        walk(item, path + "[" + i++ + "]", problems, seen);
      }
      return;
    }
    if (obj instanceof Map<?, ?> m) {
      m.forEach((k, v) -> walk(v, join(path, String.valueOf(k)), problems, seen));
      return;
    }
    if (!isConfigClass(obj.getClass())) {
      return;
    }
    for (Class<?> c = obj.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
          continue;
        }
        try {
          f.setAccessible(true);
          walk(
              f.get(obj),
              join(
                  path, PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(f.getName())),
              problems,
              seen);
        } catch (ReflectiveOperationException | RuntimeException e) {
          // Not a configuration field we can read (e.g. a JDK type): nothing to validate there.
        }
      }
    }
  }

  private static boolean isConfigClass(Class<?> c) {
    String name = c.getName();
    return !c.isEnum()
        && !name.startsWith("java.")
        && !name.startsWith("javax.")
        && !name.startsWith("com.fasterxml.");
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static String pathOf(JsonStreamContext ctx) {
    StringBuilder sb = new StringBuilder();
    for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
      String part;
      if (c.inArray()) {
        part = "[" + Math.max(0, c.getCurrentIndex()) + "]";
      } else if (c.getCurrentName() != null) {
        part = "." + c.getCurrentName();
      } else {
        continue;
      }
      sb.insert(0, part);
    }
    return sb.length() > 0 && sb.charAt(0) == '.' ? sb.substring(1) : sb.toString();
  }

  private static String pathOf(JsonProcessingException e) {
    if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
      StringBuilder sb = new StringBuilder();
      for (var ref : m.getPath()) {
        if (ref.getIndex() >= 0) {
          sb.append('[').append(ref.getIndex()).append(']');
        } else if (ref.getFieldName() != null) {
          if (sb.length() > 0) {
            sb.append('.');
          }
          sb.append(ref.getFieldName());
        }
      }
      return sb.toString();
    }
    return "";
  }

  /** Records problems and carries on, so one start-up lists them all. */
  private static final class CollectingProblemHandler extends DeserializationProblemHandler {
    private final ConfigProblems problems;

    CollectingProblemHandler(ConfigProblems problems) {
      this.problems = problems;
    }

    @Override
    public boolean handleUnknownProperty(
        DeserializationContext ctxt,
        JsonParser p,
        JsonDeserializer<?> deserializer,
        Object beanOrClass,
        String propertyName)
        throws IOException {
      String here = pathOf(p.getParsingContext().getParent());
      String known = "";
      if (deserializer != null) {
        Collection<Object> ids = deserializer.getKnownPropertyNames();
        if (ids != null && !ids.isEmpty()) {
          known =
              " (known keys: "
                  + String.join(", ", ids.stream().map(String::valueOf).toList())
                  + ")";
        }
      }
      problems.add(join(here, propertyName), "unknown key" + known);
      p.skipChildren();
      return true;
    }

    @Override
    public Object handleWeirdStringValue(
        DeserializationContext ctxt,
        Class<?> targetType,
        String valueToConvert,
        String failureMsg) {
      problems.add(
          pathOf(ctxt.getParser().getParsingContext()),
          failureMsg != null && failureMsg.startsWith("not a duration")
              ? failureMsg
              : "\"" + valueToConvert + "\" is not a valid " + describe(targetType));
      return emptyValue(targetType);
    }

    @Override
    public Object handleWeirdNumberValue(
        DeserializationContext ctxt,
        Class<?> targetType,
        Number valueToConvert,
        String failureMsg) {
      problems.add(
          pathOf(ctxt.getParser().getParsingContext()),
          valueToConvert + " is not a valid " + describe(targetType));
      return emptyValue(targetType);
    }

    @Override
    public Object handleUnexpectedToken(
        DeserializationContext ctxt,
        JavaType targetType,
        JsonToken t,
        JsonParser p,
        String failureMsg)
        throws IOException {
      problems.add(
          pathOf(p.getParsingContext()),
          "expected " + describe(targetType.getRawClass()) + ", found " + describe(t));
      p.skipChildren();
      return emptyValue(targetType.getRawClass());
    }

    /** A placeholder so binding can go on; the recorded problem fails the load anyway. */
    private static Object emptyValue(Class<?> type) {
      return type.isPrimitive() ? ClassUtil.defaultValue(type) : null;
    }

    private static String describe(Class<?> type) {
      if (type == Duration.class) {
        return "duration (e.g. 30s)";
      }
      if (type == Boolean.class || type == boolean.class) {
        return "boolean (true or false)";
      }
      if (Number.class.isAssignableFrom(type.isPrimitive() ? ClassUtil.wrapperType(type) : type)) {
        return "number";
      }
      if (type == String.class || type == Secret.class || type == Path.class) {
        return "string";
      }
      if (Collection.class.isAssignableFrom(type)) {
        return "list";
      }
      if (type.isEnum()) {
        return "value";
      }
      return "mapping";
    }

    private static String describe(JsonToken t) {
      if (t == null) {
        return "nothing";
      }
      return switch (t) {
        case START_OBJECT -> "a mapping";
        case START_ARRAY -> "a list";
        case VALUE_STRING -> "a string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        case VALUE_NULL -> "null";
        default -> t.name().toLowerCase();
      };
    }
  }

  private static final class DurationDeserializer extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getLongValue() == 0) {
        return Duration.ZERO;
      }
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
      }
      String text = p.getText();
      try {
        return PromDuration.parse(text);
      } catch (IllegalArgumentException e) {
        return (Duration) ctxt.handleWeirdStringValue(Duration.class, text, e.getMessage());
      }
    }
  }

  private static final class SecretDeserializer extends JsonDeserializer<Secret> {
    @Override
    public Secret deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (Secret) ctxt.handleUnexpectedToken(Secret.class, p);
      }
      return Secret.of(p.getText());
    }
  }

  /** A JSON mapper with the same conventions, for JSON endpoints and tests. */
  public static ObjectMapper jsonMapper() {
    return configure(JsonMapper.builder().build());
  }
}
