package io.github.homelabha.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of a systemd unit file, as far as the tests need them: {@code Section.Key} to its
 * values in file order (a key may repeat; an empty assignment resets the list, as in systemd).
 */
public final class UnitFile {
  private final Path path;
  private final Map<String, List<String>> settings;

  private UnitFile(Path path, Map<String, List<String>> settings) {
    this.path = path;
    this.settings = settings;
  }

  public static UnitFile read(Path path) {
    try {
      return parse(path, Files.readAllLines(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static UnitFile parse(Path path, List<String> lines) {
    Map<String, List<String>> settings = new LinkedHashMap<>();
    String section = "";
    StringBuilder continued = null;
    for (String raw : lines) {
      String line = raw.strip();
      if (continued != null) {
        line = continued + " " + line;
        continued = null;
      }
      if (line.endsWith("\\")) {
        continued = new StringBuilder(line.substring(0, line.length() - 1).strip());
        continue;
      }
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section = line.substring(1, line.length() - 1);
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(path + ": not a setting: " + line);
      }
      String key = section + "." + line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      List<String> values = settings.computeIfAbsent(key, k -> new ArrayList<>());
      if (value.isEmpty()) {
        values.clear();
      } else {
        values.add(value);
      }
    }
    return new UnitFile(path, settings);
  }

  public Path path() {
    return path;
  }

  /** Every value of {@code section.key}, in file order; empty when unset or reset. */
  public List<String> values(String sectionKey) {
    return settings.getOrDefault(sectionKey, List.of());
  }

  /** The last value of {@code section.key}; fails when unset. */
  public String value(String sectionKey) {
    List<String> values = values(sectionKey);
    if (values.isEmpty()) {
      throw new IllegalArgumentException(path + " has no " + sectionKey);
    }
    return values.get(values.size() - 1);
  }

  /** Space-separated values of a list setting (capabilities, address families), all entries. */
  public List<String> words(String sectionKey) {
    List<String> words = new ArrayList<>();
    for (String value : values(sectionKey)) {
      for (String word : value.split("\\s+")) {
        if (!word.isEmpty()) {
          words.add(word);
        }
      }
    }
    return words;
  }
}
