package io.github.homelabha.core.config;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Secret;
import io.github.homelabha.core.api.Validatable;
import io.github.homelabha.core.secrets.Redactor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Visits every object of a bound configuration: calls {@link Validatable#validate} with the
 * object's key path and registers every {@link Secret} with the {@link Redactor}.
 */
final class ConfigWalker {
  private final Redactor redactor;
  private final ConfigProblems problems;
  private final Map<Object, Boolean> seen = new IdentityHashMap<>();

  private ConfigWalker(Redactor redactor, ConfigProblems problems) {
    this.redactor = redactor;
    this.problems = problems;
  }

  static void walk(Object config, Redactor redactor, ConfigProblems problems) {
    new ConfigWalker(redactor, problems).visit(config, "");
  }

  private void visit(Object obj, String path) {
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
        visit(item, path + "[" + i++ + "]");
      }
      return;
    }
    if (obj instanceof Map<?, ?> m) {
      m.forEach((k, v) -> visit(v, ConfigPaths.join(path, String.valueOf(k))));
      return;
    }
    if (isConfigClass(obj.getClass())) {
      visitFields(obj, path);
    }
  }

  private void visitFields(Object obj, String path) {
    for (Class<?> c = obj.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
          continue;
        }
        String key = PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(f.getName());
        try {
          f.setAccessible(true);
          visit(f.get(obj), ConfigPaths.join(path, key));
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
}
