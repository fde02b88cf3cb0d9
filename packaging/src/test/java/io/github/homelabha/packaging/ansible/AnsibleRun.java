package io.github.homelabha.packaging.ansible;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outcome of one {@code ansible-playbook} run against a single host: its exit code, its output
 * and the counts of its {@code PLAY RECAP} line.
 */
record AnsibleRun(int exitCode, String output, int ok, int changed, int failed) {
  private static final Pattern RECAP =
      Pattern.compile(
          "(?m)^\\S+\\s*:\\s*ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=\\d+\\s+failed=(\\d+)");
  private static final Pattern TASK = Pattern.compile("^TASK \\[(.*)\\]");

  /** Reads the recap of {@code output}; counts are -1 when the run ended before printing one. */
  static AnsibleRun of(int exitCode, String output) {
    Matcher recap = RECAP.matcher(output);
    if (!recap.find()) {
      return new AnsibleRun(exitCode, output, -1, -1, -1);
    }
    return new AnsibleRun(
        exitCode,
        output,
        Integer.parseInt(recap.group(1)),
        Integer.parseInt(recap.group(2)),
        Integer.parseInt(recap.group(3)));
  }

  /** The names of the tasks that reported a change, to say what a second run changed. */
  List<String> changedTasks() {
    List<String> tasks = new ArrayList<>();
    String current = "";
    for (String line : output.split("\n")) {
      Matcher task = TASK.matcher(line);
      if (task.find()) {
        current = task.group(1);
      } else if (line.startsWith("changed:") && !tasks.contains(current)) {
        tasks.add(current);
      }
    }
    return tasks;
  }
}
