package io.github.homelabha.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code /etc/default} file as systemd's {@code EnvironmentFile=} reads it: {@code KEY=VALUE}
 * lines, one pair of surrounding quotes removed, comments and blank lines skipped.
 */
public final class EnvironmentFile {
  private EnvironmentFile() {}

  public static Map<String, String> read(Path path) {
    try {
      Map<String, String> variables = new LinkedHashMap<>();
      for (String raw : Files.readAllLines(path)) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
          continue;
        }
        int eq = line.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(path + ": not an assignment: " + line);
        }
        String value = line.substring(eq + 1).strip();
        if (value.length() >= 2
            && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
          value = value.substring(1, value.length() - 1);
        }
        variables.put(line.substring(0, eq).strip(), value);
      }
      return variables;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
