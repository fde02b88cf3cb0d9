package io.github.homelabha.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Secret;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Lets every {@link Secret} key {@code K} of a configuration come from a file ({@code K_file:
 * /etc/...}) or an environment variable ({@code K_env: NAME}) instead of the YAML file itself, so
 * secrets need not sit in a world-readable config or on a command line. Resolved in the YAML tree
 * before binding, guided by the configuration class's field types.
 */
final class SecretSources {
  private final Map<String, String> env;
  private final ConfigProblems problems;

  SecretSources(Map<String, String> env, ConfigProblems problems) {
    this.env = env;
    this.problems = problems;
  }

  void resolve(JsonNode node, Type type, String path) {
    Class<?> raw = rawClass(type);
    if (raw == null || node == null) {
      return;
    }
    if (Collection.class.isAssignableFrom(raw) && node instanceof ArrayNode array) {
      Type item = typeArgument(type, 0);
      for (int i = 0; i < array.size(); i++) {
        resolve(array.get(i), item, path + "[" + i + "]");
      }
      return;
    }
    if (Map.class.isAssignableFrom(raw) && node instanceof ObjectNode map) {
      Type value = typeArgument(type, 1);
      for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        resolve(e.getValue(), value, join(path, e.getKey()));
      }
      return;
    }
    if (!(node instanceof ObjectNode object) || raw.getName().startsWith("java.")) {
      return;
    }
    for (Class<?> c = raw; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        String key = PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(f.getName());
        if (f.getType() == Secret.class) {
          resolveSecret(object, key, path);
        } else {
          resolve(object.get(key), f.getGenericType(), join(path, key));
        }
      }
    }
  }

  private void resolveSecret(ObjectNode object, String key, String path) {
    JsonNode file = object.remove(key + "_file");
    JsonNode var = object.remove(key + "_env");
    int sources = (object.has(key) ? 1 : 0) + (file != null ? 1 : 0) + (var != null ? 1 : 0);
    if (sources > 1) {
      problems.add(
          join(path, key), "set only one of " + key + ", " + key + "_file, " + key + "_env");
      return;
    }
    if (file != null) {
      String where = join(path, key + "_file");
      if (!file.isTextual() || file.asText().isBlank()) {
        problems.add(where, "expected a file path");
        return;
      }
      try {
        object.set(key, TextNode.valueOf(Secret.fromFile(Path.of(file.asText())).value()));
      } catch (IOException | RuntimeException e) {
        problems.add(
            where,
            "cannot read secret file " + file.asText() + " (" + e.getClass().getSimpleName() + ")");
      }
    } else if (var != null) {
      String where = join(path, key + "_env");
      String value = var.isTextual() ? env.get(var.asText()) : null;
      if (value == null) {
        problems.add(where, "environment variable " + var.asText() + " is not set");
        return;
      }
      object.set(key, TextNode.valueOf(value));
    }
  }

  private static Class<?> rawClass(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return null;
  }

  private static Type typeArgument(Type t, int i) {
    if (t instanceof ParameterizedType p && p.getActualTypeArguments().length > i) {
      return p.getActualTypeArguments()[i];
    }
    return Object.class;
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
