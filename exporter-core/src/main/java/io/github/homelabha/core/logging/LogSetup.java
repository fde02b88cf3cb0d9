package io.github.homelabha.core.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.slf4j.LoggerFactory;

/** Configures logback in code: one stderr appender with our line layout, no XML file. */
public final class LogSetup {
  private LogSetup() {}

  /** Applies {@code --log.level} and {@code --log.format}. */
  public static void configure(String level, LogFormat format) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      return; // another SLF4J backend is in charge (e.g. an embedding application)
    }
    configure(ctx, Level.toLevel(level, Level.INFO), format);
  }

  static void configure(LoggerContext ctx, Level level, LogFormat format) {
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    // Replace only our own appender: others (a test's capture, an embedding app's) stay.
    var old = root.getAppender("stderr");
    if (old != null) {
      root.detachAppender(old);
      old.stop();
    }
    LineLayout layout = new LineLayout(format);
    layout.setContext(ctx);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(ctx);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(ctx);
    appender.setName("stderr");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    root.setLevel(level);
    root.addAppender(appender);
    // The web stack's own INFO lines (banners, connector details) are noise for an exporter.
    Level quiet = level.isGreaterOrEqual(Level.WARN) ? level : Level.WARN;
    ctx.getLogger("org.eclipse.jetty").setLevel(quiet);
    ctx.getLogger("io.javalin").setLevel(quiet);
  }

  /** Parses {@code --log.format}. */
  public static LogFormat format(String s) {
    return switch (s == null ? "logfmt" : s.toLowerCase()) {
      case "json" -> LogFormat.JSON;
      case "logfmt" -> LogFormat.LOGFMT;
      default -> throw new IllegalArgumentException("--log.format must be logfmt or json: " + s);
    };
  }
}
