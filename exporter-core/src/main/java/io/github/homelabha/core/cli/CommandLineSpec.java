package io.github.homelabha.core.cli;

import io.github.homelabha.core.api.ConfigFlag;
import io.github.homelabha.core.api.Exporter;
import io.github.homelabha.core.scrape.BuildInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Builds the picocli command of an exporter: the flags every exporter shares plus the exporter's
 * own {@link ConfigFlag}s. Every flag can also be set through an environment variable named {@code
 * <NAME>_EXPORTER_<FLAG>} (upper case, dots and dashes as underscores), e.g. {@code
 * KEEPALIVED_EXPORTER_WEB_LISTEN_ADDRESS}; a flag on the command line wins over its variable.
 */
final class CommandLineSpec {
  static final String LISTEN = "--web.listen-address";
  static final String TELEMETRY = "--web.telemetry-path";
  static final String WEB_CONFIG = "--web.config.file";
  static final String NO_EXPORTER_METRICS = "--web.disable-exporter-metrics";
  static final String CONFIG = "--config.file";
  static final String CONFIG_CHECK = "--config.check";
  static final String LOG_LEVEL = "--log.level";
  static final String LOG_FORMAT = "--log.format";
  static final String TIMEOUT = "--scrape.timeout";
  static final String TIMEOUT_OFFSET = "--scrape.timeout-offset";

  private CommandLineSpec() {}

  /** The environment variable for a flag of this exporter. */
  static String envName(Exporter<?> exporter, String flag) {
    String bare = flag.startsWith("--") ? flag.substring(2) : flag;
    return (exporter.name() + "_exporter_" + bare)
        .toUpperCase(Locale.ROOT)
        .replaceAll("[.\\-]", "_");
  }

  static CommandLine build(Exporter<?> exporter, Map<String, String> env) {
    BuildInfo build = BuildInfo.load();
    CommandSpec spec = CommandSpec.create();
    spec.name(exporter.name() + "_exporter");
    spec.usageMessage()
        .description(exporter.description())
        .footer(
            "",
            "Every flag can also be set with an environment variable: "
                + envName(exporter, "--example.flag")
                + " for --example.flag.",
            "Durations are Prometheus durations: 500ms, 30s, 5m, 1h.");
    spec.versionProvider(
        () ->
            new String[] {
              exporter.name()
                  + "_exporter version "
                  + build.version()
                  + " (revision "
                  + build.revision()
                  + ", java "
                  + build.javaVersion()
                  + ")"
            });
    spec.addOption(
        OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help.").build());
    spec.addOption(
        OptionSpec.builder("--version").versionHelp(true).description("Show the version.").build());

    addCommonFlags(spec, exporter);
    addExporterFlags(spec, exporter);

    CommandLine cl = new CommandLine(spec);
    cl.setDefaultValueProvider(
        option -> {
          if (!(option instanceof OptionSpec o) || o.usageHelp() || o.versionHelp()) {
            return null;
          }
          String v = env.get(envName(exporter, o.names()[0]));
          return v != null ? v : o.defaultValue();
        });
    cl.setUsageHelpLongOptionsMaxWidth(32);
    return cl;
  }

  /** The flags every exporter has (README, "What every exporter has in common"). */
  private static void addCommonFlags(CommandSpec spec, Exporter<?> exporter) {
    // Go exporters take these two with one dash too, and units written for them do so
    // (keepalived-exporter's: -web.listen-address=:9165): they work here unchanged.
    value(
        spec,
        List.of(LISTEN, LISTEN.substring(1)),
        "[HOST]:PORT",
        ":" + exporter.defaultPort(),
        "Address to listen on.");
    value(
        spec,
        List.of(TELEMETRY, TELEMETRY.substring(1)),
        "PATH",
        "/metrics",
        "Path under which to expose metrics.");
    value(
        spec,
        WEB_CONFIG,
        "FILE",
        null,
        "Web configuration file (TLS, basic auth), the Prometheus exporter-toolkit format.");
    toggle(spec, NO_EXPORTER_METRICS, "Leave out the JVM and process metrics of the exporter.");
    value(spec, CONFIG, "FILE", null, "YAML configuration file; flags override its keys.");
    toggle(spec, CONFIG_CHECK, "Check the configuration, print the result and exit.");
    value(spec, LOG_LEVEL, "LEVEL", "info", "Log level: debug, info, warn, error.");
    value(spec, LOG_FORMAT, "FORMAT", "logfmt", "Log format: logfmt or json.");
    value(
        spec,
        TIMEOUT,
        "DURATION",
        "10s",
        "Scrape budget when Prometheus sends no X-Prometheus-Scrape-Timeout-Seconds header.");
    value(
        spec,
        TIMEOUT_OFFSET,
        "DURATION",
        "500ms",
        "Subtracted from Prometheus' scrape timeout, so the answer arrives in time.");
  }

  /** The exporter's own flags, each setting one key of its YAML configuration. */
  private static void addExporterFlags(CommandSpec spec, Exporter<?> exporter) {
    for (ConfigFlag f : exporter.flags()) {
      List<String> names = new ArrayList<>();
      names.add("--" + f.name());
      // aliases are other exporters' flag names; Go programs also accept them with one dash
      f.aliases().forEach(a -> names.addAll(List.of("--" + a, "-" + a)));
      OptionSpec.Builder b =
          OptionSpec.builder(names.toArray(String[]::new))
              .description(f.description() + " (config key " + f.configPath() + ")");
      switch (f.kind()) {
        case VALUE -> b.type(String.class).paramLabel("VALUE").arity("1");
        case SWITCH -> b.type(String.class).paramLabel("BOOL").arity("0..1").fallbackValue("true");
        case REPEATABLE -> b.type(String[].class).paramLabel("VALUE").arity("1").splitRegex(",");
      }
      spec.addOption(b.build());
    }
  }

  private static void value(
      CommandSpec spec, String name, String label, String defaultValue, String description) {
    value(spec, List.of(name), label, defaultValue, description);
  }

  /** The first name is the flag's own; its environment variable is named after it. */
  private static void value(
      CommandSpec spec, List<String> names, String label, String defaultValue, String description) {
    spec.addOption(
        OptionSpec.builder(names.toArray(String[]::new))
            .type(String.class)
            .paramLabel(label)
            .arity("1")
            .defaultValue(defaultValue)
            .description(description + (defaultValue == null ? "" : " Default: " + defaultValue))
            .build());
  }

  private static void toggle(CommandSpec spec, String name, String description) {
    spec.addOption(
        OptionSpec.builder(name)
            .type(String.class)
            .paramLabel("BOOL")
            .arity("0..1")
            .fallbackValue("true")
            .description(description)
            .build());
  }
}
