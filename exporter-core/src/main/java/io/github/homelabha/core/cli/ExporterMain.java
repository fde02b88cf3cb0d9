package io.github.homelabha.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.homelabha.core.api.ConfigFlag;
import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import io.github.homelabha.core.api.Exporter;
import io.github.homelabha.core.config.ConfigLoader;
import io.github.homelabha.core.config.PromDuration;
import io.github.homelabha.core.logging.LogFormat;
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
import java.util.function.Supplier;
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

    // Every bad flag value and every bad configuration key is listed in one start-up.
    ConfigProblems flagProblems = new ConfigProblems();
    configureLogging(cl, flagProblems);
    RuntimeOptions options = runtimeOptions(cl, flagProblems);
    boolean checkOnly = bool(cl, CommandLineSpec.CONFIG_CHECK, flagProblems);
    Redactor redactor = new Redactor();
    Map<String, String> flagByConfigPath = new LinkedHashMap<>();
    Map<String, Object> overrides = overrides(exporter, cl, flagProblems, flagByConfigPath);
    Path file = path(cl, CommandLineSpec.CONFIG);
    if (file != null && section != null) {
      throw new UsageException(
          CommandLineSpec.CONFIG
              + " cannot be combined with this exporter's section of the shared configuration"
              + " file");
    }
    ConfigLoader loader = new ConfigLoader(redactor, env);
    C config;
    try {
      config =
          section != null
              ? loader.loadSection(exporter.configClass(), section, overrides)
              : loader.load(exporter.configClass(), file, overrides);
    } catch (InvalidConfigException e) {
      List<String> all = new ArrayList<>(flagProblems.list());
      for (String problem : e.problems()) {
        all.add(underFlagName(problem, flagByConfigPath));
      }
      throw redacted(all, redactor);
    }
    if (!flagProblems.isEmpty()) {
      throw redacted(flagProblems.list(), redactor);
    }
    WebSecurity security = WebSecurityLoader.load(options.webConfigFile());
    if (checkOnly) {
      out.println("configuration OK");
      return null;
    }
    return ExporterRuntime.start(exporter, config, options, security, redactor, shared);
  }

  private static void configureLogging(CommandLine cl, ConfigProblems problems) {
    String level = string(cl, CommandLineSpec.LOG_LEVEL).toLowerCase();
    if (!LEVELS.contains(level)) {
      problems.add(CommandLineSpec.LOG_LEVEL, "must be one of debug, info, warn, error: " + level);
      level = "info";
    }
    LogFormat format = LogFormat.LOGFMT;
    try {
      format = LogSetup.format(string(cl, CommandLineSpec.LOG_FORMAT));
    } catch (IllegalArgumentException e) {
      flagProblem(problems, CommandLineSpec.LOG_FORMAT, e.getMessage());
    }
    LogSetup.configure(level, format);
  }

  /** The common flags' values; a bad one is recorded under its flag name and left at null. */
  private static RuntimeOptions runtimeOptions(CommandLine cl, ConfigProblems problems) {
    String telemetry = string(cl, CommandLineSpec.TELEMETRY);
    if (!telemetry.startsWith("/") || telemetry.equals("/")) {
      problems.add(CommandLineSpec.TELEMETRY, "must start with / and not be /");
    }
    ListenAddress listen =
        parsed(
            problems,
            CommandLineSpec.LISTEN,
            () -> ListenAddress.parse(string(cl, CommandLineSpec.LISTEN)));
    Duration timeout =
        parsed(
            problems,
            CommandLineSpec.TIMEOUT,
            () -> PromDuration.parse(string(cl, CommandLineSpec.TIMEOUT)));
    if (timeout != null && timeout.isZero()) {
      problems.add(CommandLineSpec.TIMEOUT, "must be more than 0");
    }
    Duration offset =
        parsed(
            problems,
            CommandLineSpec.TIMEOUT_OFFSET,
            () -> PromDuration.parse(string(cl, CommandLineSpec.TIMEOUT_OFFSET)));
    return new RuntimeOptions(
        listen,
        telemetry,
        path(cl, CommandLineSpec.WEB_CONFIG),
        timeout,
        offset,
        !bool(cl, CommandLineSpec.NO_EXPORTER_METRICS, problems));
  }

  private static <T> T parsed(ConfigProblems problems, String flag, Supplier<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      flagProblem(problems, flag, e.getMessage());
      return null;
    }
  }

  /** Records {@code message} under {@code flag}, without repeating the flag at its start. */
  private static void flagProblem(ConfigProblems problems, String flag, String message) {
    problems.add(
        flag, message.startsWith(flag + " ") ? message.substring(flag.length() + 1) : message);
  }

  /** Problems quote values; a value can be a secret or a URL with a password in it. */
  private static InvalidConfigException redacted(List<String> problems, Redactor redactor) {
    return new InvalidConfigException(problems.stream().map(redactor::redact).toList());
  }

  /**
   * A configuration problem at a key a flag set, named by the flag: {@code
   * --keepalived.dump-timeout: not a duration}, not {@code keepalived.dump_timeout: ...}.
   */
  static String underFlagName(String problem, Map<String, String> flagByConfigPath) {
    for (Map.Entry<String, String> e : flagByConfigPath.entrySet()) {
      String path = e.getKey();
      if (problem.startsWith(path + ":")
          || problem.startsWith(path + ".")
          || problem.startsWith(path + "[")) {
        return e.getValue() + problem.substring(path.length());
      }
    }
    return problem;
  }

  /** The exporter flags that were given, as YAML key path to value. */
  private static Map<String, Object> overrides(
      Exporter<?> exporter,
      CommandLine cl,
      ConfigProblems problems,
      Map<String, String> flagByConfigPath) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ConfigFlag f : exporter.flags()) {
      OptionSpec o = cl.getCommandSpec().findOption("--" + f.name());
      Object raw = o.getValue();
      if (raw == null) {
        continue;
      }
      flagByConfigPath.put(f.configPath(), "--" + f.name());
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
        flagProblem(problems, "--" + f.name(), e.getMessage());
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

  private static boolean bool(CommandLine cl, String name, ConfigProblems problems) {
    String v = string(cl, name);
    try {
      return v != null && parseBool(name, v);
    } catch (IllegalArgumentException e) {
      flagProblem(problems, name, e.getMessage());
      return false;
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
