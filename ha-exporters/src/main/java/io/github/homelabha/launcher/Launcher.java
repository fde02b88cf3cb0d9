package io.github.homelabha.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import io.github.homelabha.core.cli.ExporterMain;
import io.github.homelabha.core.runtime.ExporterRuntime;
import io.github.homelabha.core.runtime.SharedResources;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts the exporters a command line and configuration file ask for, each exactly as its own jar
 * would start it (same flags, same configuration binding, same environment variables), each on its
 * own port with its own registry, scrape engine, HTTP threads and landing page. Only the pool
 * scrapes run on is shared.
 */
public final class Launcher {
  private Launcher() {}

  /**
   * What one start-up did: the running exporters, or (help, version, {@code --config.check}) only
   * text for standard output.
   */
  public record Outcome(RunningBundle bundle, String output) {}

  /**
   * Starts every exporter named in {@code args} or given a section in the configuration file. If
   * one cannot start, those already started are stopped and the error names it.
   */
  public static Outcome start(String[] args, Map<String, String> env)
      throws LauncherArguments.BadArgumentsException, ExporterStartException {
    LauncherArguments parsed = LauncherArguments.parse(args);
    if (parsed.help()) {
      return new Outcome(null, usage());
    }
    if (parsed.version()) {
      return new Outcome(null, "ha-exporters version " + version() + "\n");
    }
    Map<String, JsonNode> sections = Map.of();
    String file = parsed.common().get(LauncherArguments.CONFIG_FILE);
    if (file != null) {
      try {
        sections = LauncherConfigFile.read(Path.of(file));
      } catch (InvalidConfigException e) {
        throw new ExporterStartException("configuration", e.getMessage(), e);
      }
    }
    Set<String> names = new LinkedHashSet<>();
    for (String name : ExporterCatalog.names()) {
      if (sections.containsKey(name) || parsed.segments().containsKey(name)) {
        names.add(name);
      }
    }
    if (names.isEmpty()) {
      throw new LauncherArguments.BadArgumentsException(
          "no exporter to run: name at least one ("
              + String.join(", ", ExporterCatalog.names())
              + ") or give "
              + LauncherArguments.CONFIG_FILE);
    }

    SharedResources shared = SharedResources.create();
    List<ExporterRuntime> started = new ArrayList<>();
    StringBuilder output = new StringBuilder();
    boolean printedOnly = false;
    for (String name : names) {
      ByteArrayOutputStream text = new ByteArrayOutputStream();
      ExporterRuntime runtime;
      try {
        runtime =
            ExporterMain.launch(
                ExporterCatalog.create(name),
                parsed.argsFor(name).toArray(String[]::new),
                env,
                new PrintStream(text, true, StandardCharsets.UTF_8),
                sections.get(name),
                shared);
      } catch (Exception e) {
        new RunningBundle(started, shared).close(Duration.ZERO);
        throw new ExporterStartException(name, ExporterStartException.describe(e), e);
      }
      if (runtime == null) {
        printedOnly = true;
        output.append(prefixed(name, text.toString(StandardCharsets.UTF_8)));
      } else {
        started.add(runtime);
      }
    }
    RunningBundle bundle = new RunningBundle(started, shared);
    if (printedOnly) {
      bundle.close(Duration.ZERO);
      return new Outcome(null, output.toString());
    }
    return new Outcome(bundle, "");
  }

  private static String prefixed(String name, String text) {
    if (text.isEmpty()) {
      return "";
    }
    // One line per exporter ("sync: configuration OK"); a help text stays as it is.
    return text.lines().count() == 1 ? name + ": " + text : text;
  }

  private static String version() {
    return io.github.homelabha.core.scrape.BuildInfo.load().version();
  }

  static String usage() {
    return String.join(
        "\n",
        "Usage: ha-exporters [--config.file=FILE] [COMMON FLAGS] [EXPORTER [ITS FLAGS]]...",
        "       ha-exporters demo [--help]",
        "",
        "Runs several exporters of homelab-ha-exporters in one JVM, each on its own port with its",
        "own configuration. Exporters: " + String.join(", ", ExporterCatalog.names()) + ".",
        "",
        "  --config.file=FILE   YAML with one section per exporter, each exactly what that",
        "                       exporter's own --config.file takes; a section starts it",
        "  EXPORTER [FLAGS]     starts that exporter with its own flags (see EXPORTER --help);",
        "                       they override its section of the file",
        "",
        "Common flags, given before the first exporter, apply to all of them:",
        "  " + String.join(", ", LauncherArguments.COMMON_VALUES.stream().sorted().toList()),
        "  " + String.join(", ", LauncherArguments.COMMON_SWITCHES.stream().sorted().toList()),
        "",
        "Example: ha-exporters --config.file=/etc/ha-exporters/ha-exporters.yml",
        "         ha-exporters keepalived sync --sync.pair=grafana:auto:/var/lib/grafana",
        "");
  }
}
