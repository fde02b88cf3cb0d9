package io.github.homelabha.packaging;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The command line systemd would run for a unit's {@code ExecStart=}, for a machine where systemd
 * is not PID 1: the unit's user, group, capabilities and no-new-privileges through {@code setpriv},
 * a clean environment with the unit's {@code EnvironmentFile=} and the directories systemd
 * announces ({@code CACHE_DIRECTORY}, ...) through {@code env -i}, and {@code $VAR} references
 * expanded the way systemd expands them.
 */
public final class ServiceCommand {
  private ServiceCommand() {}

  /**
   * @param unit the installed unit file
   * @param runtimeDirectory where the test created the unit's {@code RuntimeDirectory=}
   * @param extraEnvironment set after the unit's own (as a drop-in's {@code Environment=} would)
   * @param extraArguments appended to {@code ExecStart=} (e.g. a free listen address)
   */
  public static List<String> of(
      UnitFile unit,
      Path runtimeDirectory,
      Map<String, String> extraEnvironment,
      List<String> extraArguments) {
    String user = unit.value("Service.User");
    String group = unit.value("Service.Group");
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    environment.put("HOME", "/var/lib/" + unit.value("Service.StateDirectory"));
    environment.put("USER", user);
    environment.put("LOGNAME", user);
    environment.put("CACHE_DIRECTORY", "/var/cache/" + unit.value("Service.CacheDirectory"));
    environment.put("STATE_DIRECTORY", "/var/lib/" + unit.value("Service.StateDirectory"));
    environment.put("RUNTIME_DIRECTORY", runtimeDirectory.toString());
    for (String assignment : unit.words("Service.Environment")) {
      int eq = assignment.indexOf('=');
      environment.put(assignment.substring(0, eq), assignment.substring(eq + 1));
    }
    for (String file : unit.values("Service.EnvironmentFile")) {
      boolean optional = file.startsWith("-");
      Path path = Path.of(optional ? file.substring(1) : file);
      if (!optional || path.toFile().exists()) {
        environment.putAll(EnvironmentFile.read(path));
      }
    }
    environment.putAll(extraEnvironment);

    List<String> command = new ArrayList<>();
    command.add("env");
    command.add("-i");
    environment.forEach((key, value) -> command.add(key + "=" + value));
    command.add("setpriv");
    command.add("--reuid=" + user);
    command.add("--regid=" + group);
    command.add("--init-groups");
    if (unit.values("Service.NoNewPrivileges").contains("yes")) {
      command.add("--no-new-privs");
    }
    List<String> ambient = capabilities(unit.words("Service.AmbientCapabilities"));
    List<String> bounding = capabilities(unit.words("Service.CapabilityBoundingSet"));
    command.add(
        "--bounding-set=-all" + bounding.stream().map(c -> ",+" + c).collect(Collectors.joining()));
    if (!ambient.isEmpty()) {
      String caps = ambient.stream().map(c -> "+" + c).collect(Collectors.joining(","));
      command.add("--inh-caps=" + caps);
      command.add("--ambient-caps=" + caps);
    }
    command.add("--");
    command.addAll(expand(unit.value("Service.ExecStart"), environment));
    command.addAll(extraArguments);
    return command;
  }

  /** CAP_KILL -> kill, as setpriv names capabilities. */
  private static List<String> capabilities(List<String> names) {
    return names.stream()
        .map(name -> name.toLowerCase(Locale.ROOT).replaceFirst("^cap_", ""))
        .toList();
  }

  /**
   * Splits a command line at blanks and expands {@code $NAME} (into words) and {@code ${NAME}}
   * (into one argument), as systemd does. Quoting is not needed by our units and rejected.
   */
  static List<String> expand(String commandLine, Map<String, String> environment) {
    if (commandLine.contains("\"") || commandLine.contains("'")) {
      throw new IllegalArgumentException("quoted ExecStart not supported: " + commandLine);
    }
    List<String> words = new ArrayList<>();
    for (String word : commandLine.strip().split("\\s+")) {
      if (word.startsWith("${") && word.endsWith("}")) {
        words.add(environment.getOrDefault(word.substring(2, word.length() - 1), ""));
      } else if (word.startsWith("$")) {
        String value = environment.getOrDefault(word.substring(1), "").strip();
        if (!value.isEmpty()) {
          words.addAll(List.of(value.split("\\s+")));
        }
      } else {
        words.add(word);
      }
    }
    return words;
  }
}
