package io.github.homelabha.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.util.ClassUtil;
import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Secret;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;

/** Records binding problems with their key paths and carries on, so one start-up lists them all. */
final class CollectingProblemHandler extends DeserializationProblemHandler {
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
    String here = ConfigPaths.of(p.getParsingContext().getParent());
    String known = "";
    if (deserializer != null) {
      Collection<Object> ids = deserializer.getKnownPropertyNames();
      if (ids != null && !ids.isEmpty()) {
        known =
            " (known keys: " + String.join(", ", ids.stream().map(String::valueOf).toList()) + ")";
      }
    }
    problems.add(ConfigPaths.join(here, propertyName), "unknown key" + known);
    p.skipChildren();
    return true;
  }

  @Override
  public Object handleWeirdStringValue(
      DeserializationContext ctxt, Class<?> targetType, String valueToConvert, String failureMsg) {
    problems.add(
        ConfigPaths.of(ctxt.getParser().getParsingContext()),
        failureMsg != null && failureMsg.startsWith("not a duration")
            ? failureMsg
            : "\"" + valueToConvert + "\" is not a valid " + describe(targetType));
    return emptyValue(targetType);
  }

  @Override
  public Object handleWeirdNumberValue(
      DeserializationContext ctxt, Class<?> targetType, Number valueToConvert, String failureMsg) {
    problems.add(
        ConfigPaths.of(ctxt.getParser().getParsingContext()),
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
        ConfigPaths.of(p.getParsingContext()),
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
