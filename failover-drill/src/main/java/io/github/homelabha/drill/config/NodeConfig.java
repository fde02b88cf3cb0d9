package io.github.homelabha.drill.config;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Validatable;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;

/** One cluster node: where its keepalived exporter answers and how to make it give up MASTER. */
public final class NodeConfig implements Validatable {
  public String name;

  /** URL of the node's keepalived exporter {@code /metrics}. */
  public String keepalivedExporter;

  /** Argument list (no shell) that makes this node give up MASTER. */
  public List<String> fail = new ArrayList<>();

  /** Argument list (no shell) that undoes {@link #fail}. */
  public List<String> restore = new ArrayList<>();

  @Override
  public void validate(ConfigProblems problems) {
    if (name == null || name.isBlank()) {
      problems.add("name", "required");
    }
    if (keepalivedExporter == null || keepalivedExporter.isBlank()) {
      problems.add("keepalived_exporter", "required (URL of the node's keepalived exporter)");
    } else if (HttpUrl.parse(keepalivedExporter) == null) {
      problems.add("keepalived_exporter", "not an http or https URL: " + keepalivedExporter);
    }
    checkCommand(problems, "fail", fail);
  }

  static void checkCommand(ConfigProblems problems, String key, List<String> command) {
    if (command == null || command.isEmpty()) {
      problems.add(key, "required: a command as a list of arguments, e.g. [systemctl, stop, x]");
      return;
    }
    for (int i = 0; i < command.size(); i++) {
      if (command.get(i) == null) {
        problems.add(key + "[" + i + "]", "empty argument");
      }
    }
    if (command.get(0) != null && command.get(0).isBlank()) {
      problems.add(key + "[0]", "the program to run is empty");
    }
  }

  public HttpUrl exporterUrl() {
    return HttpUrl.get(keepalivedExporter);
  }
}
