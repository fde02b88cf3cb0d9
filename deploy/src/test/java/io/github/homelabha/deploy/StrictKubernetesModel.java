package io.github.homelabha.deploy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Kubernetes object into fabric8's typed model of the Kubernetes API (and of the Prometheus
 * Operator's monitoring.coreos.com/v1) and refuses anything the API would not take as written: an
 * unknown kind, a value of the wrong type, and an unknown field. fabric8 keeps unknown fields in
 * each object's {@code additionalProperties} instead of failing, so every object of the result is
 * searched for them; writing the typed object back must also give the input again, so nothing was
 * coerced or dropped on the way.
 */
final class StrictKubernetesModel {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().addModule(writtenAsInTheApi()).build();

  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.of(
          "v1/Namespace", Namespace.class,
          "v1/ConfigMap", ConfigMap.class,
          "v1/Service", Service.class,
          "apps/v1/DaemonSet", DaemonSet.class,
          "apps/v1/Deployment", Deployment.class,
          "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class,
          "monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class);

  private StrictKubernetesModel() {}

  /** The object as its model type; throws {@link InvalidObject} naming every problem. */
  static HasMetadata read(JsonNode object, String source) {
    String type = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
    Class<? extends HasMetadata> modelType = KINDS.get(type);
    if (modelType == null) {
      throw new InvalidObject(source + ": no model for " + type);
    }
    HasMetadata typed;
    try {
      typed = MAPPER.treeToValue(object, modelType);
    } catch (Exception e) {
      throw new InvalidObject(source + ": not a valid " + type + ": " + e.getMessage());
    }
    List<String> unknown = new ArrayList<>();
    collectUnknownFields(typed, "", unknown, new IdentityHashMap<>());
    if (!unknown.isEmpty()) {
      throw new InvalidObject(source + ": fields the API does not know: " + unknown);
    }
    JsonNode written = asParsed(MAPPER.valueToTree(typed));
    if (!written.equals(asParsed(object))) {
      throw new InvalidObject(
          source + ": changed on the way through the model:\n  " + object + "\n  " + written);
    }
    return typed;
  }

  /**
   * The tree as read from text: numbers in the smallest type that holds them (0 as int, not long).
   */
  private static JsonNode asParsed(JsonNode tree) {
    try {
      return MAPPER.readTree(MAPPER.writeValueAsString(tree));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * fabric8 reads quantities ("64Mi") and int-or-strings ("metrics", 9165) with its own
   * deserializers; written back they must take the API's form again, not the model's fields.
   */
  private static SimpleModule writtenAsInTheApi() {
    SimpleModule module = new SimpleModule("kubernetes-api-form");
    module.addSerializer(
        Quantity.class,
        new StdSerializer<>(Quantity.class) {
          @Override
          public void serialize(Quantity q, JsonGenerator out, SerializerProvider p)
              throws IOException {
            out.writeString(q.toString());
          }
        });
    module.addSerializer(
        IntOrString.class,
        new StdSerializer<>(IntOrString.class) {
          @Override
          public void serialize(IntOrString v, JsonGenerator out, SerializerProvider p)
              throws IOException {
            if (v.getIntVal() != null) {
              out.writeNumber(v.getIntVal());
            } else {
              out.writeString(v.getStrVal());
            }
          }
        });
    return module;
  }

  private static void collectUnknownFields(
      Object value, String path, List<String> unknown, Map<Object, Boolean> seen) {
    if (value == null || isLeaf(value) || seen.put(value, Boolean.TRUE) != null) {
      return;
    }
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        collectUnknownFields(item, path + "[" + i++ + "]", unknown, seen);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> collectUnknownFields(v, path + "." + k, unknown, seen));
      return;
    }
    if (!value.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (!isGetter(getter)) {
        continue;
      }
      Object child = invoke(getter, value);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (child instanceof Map<?, ?> extra) {
          extra.keySet().forEach(k -> unknown.add(path + "." + k));
        }
      } else {
        collectUnknownFields(child, path + "." + propertyName(getter), unknown, seen);
      }
    }
  }

  private static boolean isLeaf(Object value) {
    return value instanceof CharSequence
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof Enum<?>
        || value.getClass().isPrimitive();
  }

  private static boolean isGetter(Method m) {
    return m.getParameterCount() == 0
        && !Modifier.isStatic(m.getModifiers())
        && m.getName().startsWith("get")
        && m.getDeclaringClass().getName().startsWith("io.fabric8.")
        && !Set.of("getClass", "getPlural", "getSingular", "getCRDName", "getFullResourceName")
            .contains(m.getName());
  }

  private static String propertyName(Method getter) {
    String name = getter.getName().substring(3);
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      return null;
    }
  }

  /** The object is not what the Kubernetes API accepts. */
  static final class InvalidObject extends RuntimeException {
    InvalidObject(String message) {
      super(message);
    }
  }
}
