package io.github.homelabha.core.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One log line per event as {@code logfmt} or JSON, the two formats Prometheus components offer
 * with {@code --log.format}. Fields: ts, level, logger, msg, then the event's key-value pairs and
 * {@code err}. Every value passes the secret redaction first.
 */
public final class LineLayout extends LayoutBase<ILoggingEvent> {
  private final LogFormat format;

  public LineLayout(LogFormat format) {
    this.format = format;
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("ts", Instant.ofEpochMilli(event.getTimeStamp()).toString());
    fields.put("level", event.getLevel().toString().toLowerCase());
    fields.put("logger", shortName(event.getLoggerName()));
    fields.put("msg", event.getFormattedMessage());
    if (event.getKeyValuePairs() != null) {
      event.getKeyValuePairs().forEach(kv -> fields.put(kv.key, String.valueOf(kv.value)));
    }
    IThrowableProxy t = event.getThrowableProxy();
    if (t != null) {
      fields.put("err", describe(t));
    }
    fields.replaceAll((k, v) -> LogRedaction.redact(v));
    return format == LogFormat.JSON ? Json.line(fields) : Logfmt.line(fields);
  }

  private static String describe(IThrowableProxy t) {
    StringBuilder sb = new StringBuilder();
    for (IThrowableProxy c = t; c != null; c = c.getCause()) {
      if (sb.length() > 0) {
        sb.append("; caused by ");
      }
      String cls = c.getClassName();
      sb.append(cls.substring(cls.lastIndexOf('.') + 1));
      if (c.getMessage() != null) {
        sb.append(": ").append(c.getMessage());
      }
      if (c == t && c.getStackTraceElementProxyArray().length > 0) {
        sb.append(" at ").append(c.getStackTraceElementProxyArray()[0].getSTEAsString());
      }
    }
    return sb.toString();
  }

  private static String shortName(String logger) {
    return logger.substring(logger.lastIndexOf('.') + 1);
  }

  /** logfmt: {@code key=value}, values quoted when they contain spaces, quotes or '='. */
  static final class Logfmt {
    private Logfmt() {}

    static String line(Map<String, String> fields) {
      StringBuilder sb = new StringBuilder(128);
      fields.forEach(
          (k, v) -> {
            if (sb.length() > 0) {
              sb.append(' ');
            }
            sb.append(k).append('=').append(quote(v));
          });
      return sb.append('\n').toString();
    }

    static String quote(String v) {
      if (v == null) {
        return "\"\"";
      }
      boolean needs = v.isEmpty();
      for (int i = 0; i < v.length() && !needs; i++) {
        char c = v.charAt(i);
        needs = c <= ' ' || c == '"' || c == '=' || c == '\\';
      }
      if (!needs) {
        return v;
      }
      StringBuilder sb = new StringBuilder(v.length() + 2).append('"');
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        switch (c) {
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          case '\n' -> sb.append("\\n");
          case '\r' -> sb.append("\\r");
          case '\t' -> sb.append("\\t");
          default -> sb.append(c);
        }
      }
      return sb.append('"').toString();
    }
  }

  /** One JSON object per line, written with Jackson's generator. */
  static final class Json {
    private static final com.fasterxml.jackson.core.JsonFactory FACTORY =
        new com.fasterxml.jackson.core.JsonFactory();

    private Json() {}

    static String line(Map<String, String> fields) {
      java.io.StringWriter w = new java.io.StringWriter(160);
      try (var g = FACTORY.createGenerator(w)) {
        g.writeStartObject();
        for (Map.Entry<String, String> e : fields.entrySet()) {
          g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
      } catch (java.io.IOException e) {
        return "{\"level\":\"error\",\"msg\":\"log line could not be written\"}\n";
      }
      return w.append('\n').toString();
    }
  }
}
