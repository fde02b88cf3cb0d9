package io.github.homelabha.drill;

import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import io.github.homelabha.core.config.ConfigLoader;
import io.github.homelabha.core.logging.LogSetup;
import io.github.homelabha.core.scrape.BuildInfo;
import io.github.homelabha.core.secrets.Redactor;
import io.github.homelabha.drill.cluster.Refusal;
import io.github.homelabha.drill.config.DrillConfig;
import io.github.homelabha.drill.report.DrillMetrics;
import io.github.homelabha.drill.report.DrillReport;
import io.github.homelabha.drill.report.Exposition;
import io.github.homelabha.drill.report.JsonReport;
import io.github.homelabha.drill.report.PushgatewayClient;
import io.github.homelabha.drill.report.TerminalTable;
import io.github.homelabha.drill.report.TextfileWriter;
import io.github.homelabha.drill.run.CommandRunner;
import io.github.homelabha.drill.run.DrillRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code failover-drill}: triggers a controlled keepalived failover, measures every service's
 * interruption through the VIP, restores and reports. Exit codes: 0 passed, 1 failed, 2 refused
 * (unhealthy cluster, bad configuration or flags).
 */
@Command(
    name = "failover-drill",
    mixinStandardHelpOptions = true,
    versionProvider = FailoverDrill.Version.class,
    sortOptions = false,
    description = {
      "Triggers a controlled failover of a keepalived cluster, measures each service's"
          + " interruption through the VIP, restores and reports the result.",
      "Exit codes: 0 passed, 1 failed, 2 refused (unhealthy cluster, bad configuration)."
    },
    footer = {"", "Durations are Prometheus durations: 100ms, 5s, 2m."})
public final class FailoverDrill implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(FailoverDrill.class);
  static final Duration PUSH_TIMEOUT = Duration.ofSeconds(10);

  @Option(
      names = "--config.file",
      paramLabel = "FILE",
      required = true,
      description = "The drill's YAML configuration.")
  Path configFile;

  @Option(
      names = "--dry-run",
      description = "Check the cluster and the services, print the commands; trigger nothing.")
  boolean dryRun;

  @Option(
      names = "--report.json",
      paramLabel = "PATH",
      description = "Write the report as JSON to PATH.")
  Path reportJson;

  @Option(
      names = "--pushgateway.url",
      paramLabel = "URL",
      description = "Push the result to this Pushgateway (overrides pushgateway.url).")
  String pushgatewayUrl;

  @Option(
      names = "--log.level",
      paramLabel = "LEVEL",
      defaultValue = "info",
      description = "debug, info, warn, error (default: ${DEFAULT-VALUE}).")
  String logLevel;

  @Option(
      names = "--log.format",
      paramLabel = "FORMAT",
      defaultValue = "logfmt",
      description = "logfmt or json, on stderr (default: ${DEFAULT-VALUE}).")
  String logFormat;

  private PrintStream out = System.out;
  private PrintStream err = System.err;
  private CommandRunner commands = new CommandRunner();

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the drill with {@code args}; returns the exit code. For launchers that embed it. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, new CommandRunner());
  }

  static int run(String[] args, PrintStream out, PrintStream err, CommandRunner commands) {
    FailoverDrill drill = new FailoverDrill();
    drill.out = out;
    drill.err = err;
    drill.commands = commands;
    CommandLine cl = new CommandLine(drill);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    // bad flags are refusals too: nothing was triggered
    cl.setParameterExceptionHandler(
        (e, a) -> {
          err.println("failover-drill: " + e.getMessage());
          err.println("Run with --help for the list of flags.");
          return DrillReport.Result.REFUSED.exitCode();
        });
    return cl.execute(args);
  }

  @Override
  public Integer call() {
    try {
      LogSetup.configure(level(), LogSetup.format(logFormat));
    } catch (IllegalArgumentException e) {
      err.println("failover-drill: " + e.getMessage());
      return DrillReport.Result.REFUSED.exitCode();
    }
    DrillConfig config;
    try {
      config = loadConfig();
    } catch (InvalidConfigException e) {
      err.println("failover-drill: " + e.getMessage());
      writeJson(
          DrillReport.refused(
              null,
              Refusal.Reason.INVALID_CONFIGURATION.label(),
              String.join("; ", e.problems()),
              Instant.now().toString()));
      return DrillReport.Result.REFUSED.exitCode();
    }
    DrillReport report = new DrillRunner(config, commands, out).run(dryRun);
    out.print(TerminalTable.render(report));
    if (dryRun) {
      // a dry run records nothing: it must not replace the last real drill's result
      return report.result().exitCode();
    }
    writeJson(report);
    publish(config, report);
    return report.result().exitCode();
  }

  private String level() {
    String level = logLevel.toLowerCase(Locale.ROOT);
    if (!List.of("debug", "info", "warn", "error").contains(level)) {
      throw new IllegalArgumentException(
          "--log.level must be one of debug, info, warn, error: " + logLevel);
    }
    return level;
  }

  private DrillConfig loadConfig() throws InvalidConfigException {
    Map<String, Object> overrides = new LinkedHashMap<>();
    if (pushgatewayUrl != null) {
      overrides.put("pushgateway.url", pushgatewayUrl);
    }
    return new ConfigLoader(new Redactor()).load(DrillConfig.class, configFile, overrides);
  }

  private void writeJson(DrillReport report) {
    if (reportJson == null) {
      return;
    }
    try {
      JsonReport.write(reportJson, report);
    } catch (IOException e) {
      LOG.error("cannot write the report to {}: {}", reportJson, e.getMessage());
    }
  }

  private void publish(DrillConfig config, DrillReport report) {
    if (config.pushgateway == null && config.textfile == null) {
      return;
    }
    byte[] exposition =
        Exposition.text(DrillMetrics.of(report, System.currentTimeMillis() / 1000.0));
    if (config.pushgateway != null) {
      try {
        new PushgatewayClient(HttpUrl.get(config.pushgateway.url), PUSH_TIMEOUT)
            .push(config.name, exposition);
        LOG.info("result pushed to the Pushgateway");
      } catch (IOException e) {
        LOG.error("cannot push the result: {}", e.getMessage());
      }
    }
    if (config.textfile != null) {
      try {
        TextfileWriter.write(config.textfile, exposition);
      } catch (IOException e) {
        LOG.error("cannot write {}: {}", config.textfile, e.getMessage());
      }
    }
  }

  /** {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      BuildInfo build = BuildInfo.load();
      return new String[] {
        "failover-drill version "
            + build.version()
            + " (revision "
            + build.revision()
            + ", java "
            + build.javaVersion()
            + ")"
      };
    }
  }
}
