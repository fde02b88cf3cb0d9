package io.github.homelabha.core.testkit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.github.homelabha.core.logging.LineLayout;
import io.github.homelabha.core.logging.LogFormat;
import org.slf4j.LoggerFactory;

/**
 * Keeps every log line written while it is attached, formatted exactly as on stderr (so secret
 * redaction is covered too). Logging is process-wide: lines of other exporters in the same JVM show
 * up as well.
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final StringBuffer text = new StringBuffer();
  private final LineLayout layout = new LineLayout(LogFormat.LOGFMT);

  public static CapturedLogs attach() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    CapturedLogs logs = new CapturedLogs();
    logs.setContext(ctx);
    logs.layout.setContext(ctx);
    logs.layout.start();
    logs.start();
    ctx.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logs);
    return logs;
  }

  @Override
  protected void append(ILoggingEvent event) {
    text.append(layout.doLayout(event));
  }

  public String text() {
    return text.toString();
  }

  @Override
  public void close() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
    stop();
  }
}
