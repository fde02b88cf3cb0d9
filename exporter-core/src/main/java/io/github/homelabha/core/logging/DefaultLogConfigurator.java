package io.github.homelabha.core.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * logback's start-up hook (found through {@code META-INF/services}): logfmt at info until the flags
 * are parsed, instead of logback scanning for XML files and defaulting to debug.
 */
public final class DefaultLogConfigurator extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext ctx) {
    LogSetup.configure(ctx, Level.INFO, LogFormat.LOGFMT);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
