package io.github.homelabha.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@code ha-exporters}: options for all exporters, then any number of
 * exporters, each followed by its own flags exactly as its own jar takes them:
 *
 * <pre>
 * ha-exporters [--config.file=FILE] [COMMON FLAGS] [EXPORTER [ITS FLAGS]]...
 * ha-exporters --log.level=debug keepalived --keepalived.notify-fifo=/run/ka.fifo sync --sync.pair=...
 * </pre>
 *
 * Common flags given before the first exporter apply to every exporter; the same flag after an
 * exporter's name wins for that exporter.
 */
record LauncherArguments(
    Map<String, String> common, boolean help, boolean version, Map<String, List<String>> segments) {

  static final String CONFIG_FILE = "--config.file";

  /** Flags that take a value and may be given once for every exporter. */
  static final Set<String> COMMON_VALUES =
      Set.of(
          CONFIG_FILE,
          "--web.telemetry-path",
          "--web.config.file",
          "--log.level",
          "--log.format",
          "--scrape.timeout",
          "--scrape.timeout-offset");

  /** Switches that may be given once for every exporter. */
  static final Set<String> COMMON_SWITCHES =
      Set.of("--web.disable-exporter-metrics", "--config.check");

  static LauncherArguments parse(String[] args) throws BadArgumentsException {
    Map<String, String> common = new LinkedHashMap<>();
    Map<String, List<String>> segments = new LinkedHashMap<>();
    boolean help = false;
    boolean version = false;
    List<String> current = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (ExporterCatalog.knows(arg)) {
        if (segments.containsKey(arg)) {
          throw new BadArgumentsException(arg + " is named twice");
        }
        current = new ArrayList<>();
        segments.put(arg, current);
        continue;
      }
      if (current != null) {
        current.add(arg);
        continue;
      }
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (arg.equals("-h") || arg.equals("--help")) {
        help = true;
      } else if (arg.equals("--version")) {
        version = true;
      } else if (COMMON_VALUES.contains(name)) {
        if (name.equals(arg)) {
          if (i + 1 >= args.length) {
            throw new BadArgumentsException(name + " needs a value");
          }
          common.put(name, args[++i]);
        } else {
          common.put(name, arg.substring(name.length() + 1));
        }
      } else if (COMMON_SWITCHES.contains(name)) {
        common.put(name, name.equals(arg) ? "true" : arg.substring(name.length() + 1));
      } else if (arg.startsWith("-")) {
        throw new BadArgumentsException(
            "unknown flag "
                + name
                + " (an exporter's own flags go after its name: "
                + String.join(", ", ExporterCatalog.names())
                + ")");
      } else {
        throw new BadArgumentsException(
            "unknown exporter \""
                + arg
                + "\"; known: "
                + String.join(", ", ExporterCatalog.names()));
      }
    }
    return new LauncherArguments(common, help, version, segments);
  }

  /**
   * The flags one exporter is started with: the common flags (without the launcher's own {@code
   * --config.file}) unless the exporter's segment sets the same flag, then the segment.
   */
  List<String> argsFor(String exporter) {
    List<String> own = segments.getOrDefault(exporter, List.of());
    List<String> out = new ArrayList<>();
    common.forEach(
        (flag, value) -> {
          boolean overridden =
              own.stream().anyMatch(a -> a.equals(flag) || a.startsWith(flag + "="));
          if (!flag.equals(CONFIG_FILE) && !overridden) {
            out.add(flag + "=" + value);
          }
        });
    out.addAll(own);
    return out;
  }

  /** Command-line mistakes: exit code 2. */
  static final class BadArgumentsException extends Exception {
    BadArgumentsException(String message) {
      super(message);
    }
  }
}
