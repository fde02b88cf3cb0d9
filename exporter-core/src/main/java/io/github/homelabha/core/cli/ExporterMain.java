package io.github.homelabha.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.homelabha.core.api.ConfigFlag;
import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import io.github.homelabha.core.api.Exporter;
import io.github.homelabha.core.config.ConfigLoader;
import io.github.homelabha.core.config.PromDuration;
import io.github.homelabha.core.logging.LogSetup;
import io.github.homelabha.core.runtime.ExporterRuntime;
import io.github.homelabha.core.runtime.RuntimeOptions;
import io.github.homelabha.core.runtime.SharedResources;
import io.github.homelabha.core.secrets.Redactor;
import io.github.homelabha.core.web.ListenAddress;
import io.github.homelabha.core.web.WebSecurity;
import io.github.homelabha.core.web.WebSecurityLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The whole {@code main} of an exporter: flags, configuration, logging, web server, shutdown on
 * SIGTERM. An exporter's own main class is one line: {@code ExporterMain.run(new FooExporter(),
 * args)}.
 */
public final class ExporterMain {
  private static final Set<String> LEVELS = Set.of("debug", "info", "warn", "error");

  private ExporterMain() {}

  /** Runs the exporter until the JVM is asked to stop; exits with 1 or 2 on bad input. */
  public static void run(Exporter<?> exporter, String[] args) {
    try {
      ExporterRuntime runtime = launch(exporter, args, System.getenv(), System.out);
      if (runtime == null) {
        System.exit(0); // help, version or --config.check
      }
      Runtime.getRuntime()
          .addShutdownHook(new Thread(runtime::close, exporter.name() + "-shutdown"));
      // The HTTP threads keep the JVM alive from here on.
    } catch (UsageException e) {
      System.err.println(exporter.name() + "_exporter: " + e.getMessage());
      System.err.println("Run with --help for the list of flags.");
      System.exit(2);
    } catch (InvalidConfigException e) {
      System.err.println(exporter.name() + "_exporter: " + e.getMessage());
      System.exit(1);
    } catch (Exception e) {
      System.err.println(exporter.name() + "_exporter: cannot start: " + describe(e));
      System.exit(1);
    }
  }

  /**
   * Parses {@code args} (with {@code env} as flag defaults), loads and validates the configuration
   * and starts the exporter. Returns null when the command only printed something (help, version,
   * configuration check) to {@code out}.
   */
  public static <C> ExporterRuntime launch(
      Exporter<C> exporter, String[] args, Map<String, String> env, PrintStream out)
      throws Exception {
    return launch(exporter, args, env, out, null, null);
  }

  /**
   * As {@link #launch(Exporter, String[], Map, PrintStream)} for one of several exporters in one
   * JVM: the configuration comes from {@code section} (this exporter's part of a shared YAML file,
   * exactly what its {@code --config.file} would hold; null for none) and the threads from {@code
   * shared} (null: its own).
   */
  public static <C> ExporterRuntime launch(
      Exporter<C> exporter,
      String[] args,
      Map<String, String> env,
      PrintStream out,
      JsonNode section,
      SharedResources shared)
      throws Exception {
    CommandLine cl = CommandLineSpec.build(exporter, env);
    ParseResult parsed;
    try {
      parsed = cl.parseArgs(args);
    } catch (ParameterException e) {
      throw new UsageException(e.getMessage());
    }
    if (parsed.isUsageHelpRequested()) {
      cl.usage(out);
      return null;
    }
    if (parsed.isVersionHelpRequested()) {
      cl.printVersionHelp(out);
      return null;
    }

    String level = string(cl, CommandLineSpec.LOG_LEVEL).toLowerCase();
    if (!LEVELS.contains(level)) {
      throw new UsageException("--log.level must be one of debug, info, warn, error: " + level);
    }
    try {
      LogSetup.configure(level, LogSetup.format(string(cl, CommandLineSpec.LOG_FORMAT)));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }

    RuntimeOptions options = runtimeOptions(cl);
    Redactor redactor = new Redactor();
    ConfigProblems flagProblems = new ConfigProblems();
    Map<String, Object> overrides = overrides(exporter, cl, flagProblems);
    Path file = path(cl, CommandLineSpec.CONFIG);
    if (file != null && section != null) {
      throw new UsageException(
          CommandLineSpec.CONFIG + " given although the configuration file has a section for it");
    }
    ConfigLoader loader = new ConfigLoader(redactor, env);
    C config;
    try {
      config =
          section != null
              ? loader.loadSection(exporter.configClass(), section, overrides)
              : loader.load(exporter.configClass(), file, overrides);
    } catch (InvalidConfigException e) {
      // One start-up lists the bad flags and the bad keys together.
      List<String> all = new ArrayList<>(flagProblems.list());
      all.addAll(e.problems());
      throw new InvalidConfigException(all);
    }
    flagProblems.throwIfAny();
    WebSecurity security = WebSecurityLoader.load(options.webConfigFile());
    if (bool(cl, CommandLineSpec.CONFIG_CHECK)) {
      out.println("configuration OK");
      return null;
    }
    return ExporterRuntime.start(exporter, config, options, security, redactor, shared);
  }

  private static RuntimeOptions runtimeOptions(CommandLine cl) throws UsageException {
    try {
      String telemetry = string(cl, CommandLineSpec.TELEMETRY);
      if (!telemetry.startsWith("/") || telemetry.equals("/")) {
        throw new IllegalArgumentException("--web.telemetry-path must start with / and not be /");
      }
      Duration timeout = PromDuration.parse(string(cl, CommandLineSpec.TIMEOUT));
      if (timeout.isZero()) {
        throw new IllegalArgumentException("--scrape.timeout must be more than 0");
      }
      return new RuntimeOptions(
          ListenAddress.parse(string(cl, CommandLineSpec.LISTEN)),
          telemetry,
          path(cl, CommandLineSpec.WEB_CONFIG),
          timeout,
          PromDuration.parse(string(cl, CommandLineSpec.TIMEOUT_OFFSET)),
          !bool(cl, CommandLineSpec.NO_EXPORTER_METRICS));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The exporter flags that were given, as YAML key path to value. */
  private static Map<String, Object> overrides(
      Exporter<?> exporter, CommandLine cl, ConfigProblems problems) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ConfigFlag f : exporter.flags()) {
      OptionSpec o = cl.getCommandSpec().findOption("--" + f.name());
      Object raw = o.getValue();
      if (raw == null) {
        continue;
      }
      try {
        switch (f.kind()) {
          case VALUE -> out.put(f.configPath(), f.valueMapper().apply((String) raw));
          case SWITCH -> out.put(f.configPath(), parseBool("--" + f.name(), (String) raw));
          case REPEATABLE -> {
            String[] values = (String[]) raw;
            if (values.length == 0) {
              continue;
            }
            List<Object> list = new ArrayList<>();
            for (String v : values) {
              list.add(f.valueMapper().apply(v));
            }
            out.put(f.configPath(), list);
          }
        }
      } catch (IllegalArgumentException e) {
        problems.add("--" + f.name(), e.getMessage());
      }
    }
    return out;
  }

  private static String string(CommandLine cl, String name) {
    Object v = cl.getCommandSpec().findOption(name).getValue();
    return v == null ? null : v.toString();
  }

  private static Path path(CommandLine cl, String name) {
    String v = string(cl, name);
    return v == null || v.isBlank() ? null : Path.of(v);
  }

  private static boolean bool(CommandLine cl, String name) throws UsageException {
    String v = string(cl, name);
    try {
      return v != null && parseBool(name, v);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static boolean parseBool(String name, String v) {
    return switch (v.toLowerCase()) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default ->
          throw new IllegalArgumentException(name + " takes true or false, got \"" + v + "\"");
    };
  }

  private static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && sb.indexOf(t.getMessage()) < 0) {
        if (sb.length() > 0) {
          sb.append(": ");
        }
        sb.append(t.getMessage());
      }
    }
    return sb.length() == 0 ? e.getClass().getSimpleName() : sb.toString();
  }

  /** Bad flags: exit code 2, as with other command-line tools. */
  public static final class UsageException extends Exception {
    public UsageException(String message) {
      super(message);
    }
  }
}
