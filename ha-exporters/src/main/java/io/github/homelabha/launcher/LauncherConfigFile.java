package io.github.homelabha.launcher;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import io.github.homelabha.core.config.ConfigLoader;
import io.github.homelabha.core.io.BoundedFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration file of {@code ha-exporters}: one top-level key per exporter to run, each
 * holding exactly what that exporter's own {@code --config.file} takes.
 *
 * <pre>
 * keepalived:
 *   keepalived:
 *     notify_fifo: /run/keepalived/notify.fifo
 * sync:
 *   pairs:
 *     - {name: grafana, role: auto, path: /var/lib/grafana}
 *   role:
 *     vip: 192.168.1.53
 * </pre>
 *
 * An exporter with an empty section ({@code sync: {}}) runs with its defaults; one without a
 * section does not run unless named on the command line.
 */
final class LauncherConfigFile {
  /** Far beyond any real configuration; a bigger file is a mistake (or a device). */
  static final long MAX_BYTES = 1 << 20;

  private LauncherConfigFile() {}

  /** The sections by exporter name, in file order. */
  static Map<String, JsonNode> read(Path file) throws InvalidConfigException {
    JsonNode root;
    try {
      root = ConfigLoader.yamlMapper().readTree(BoundedFiles.read(file, MAX_BYTES));
    } catch (JsonProcessingException e) {
      // Only the position: the parser's message quotes the offending line, which can hold a
      // password, and no secret is known to the redactor yet.
      JsonLocation loc = e.getLocation();
      throw problem(
          "YAML syntax error in "
              + file
              + (loc == null
                  ? ""
                  : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr()));
    } catch (NoSuchFileException | AccessDeniedException e) {
      throw problem("cannot read configuration file " + file + " (missing or no permission)");
    } catch (IOException e) {
      throw problem("cannot read configuration file " + file + ": " + e.getMessage());
    }
    Map<String, JsonNode> sections = new LinkedHashMap<>();
    if (root == null || root.isNull() || root.isMissingNode()) {
      return sections;
    }
    if (!root.isObject()) {
      throw problem(file + " must be a YAML mapping with one key per exporter");
    }
    List<String> problems = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode section = e.getValue();
      if (!ExporterCatalog.knows(e.getKey())) {
        problems.add(
            e.getKey()
                + ": unknown exporter; known: "
                + String.join(", ", ExporterCatalog.names()));
      } else if (!section.isNull() && !section.isObject()) {
        problems.add(e.getKey() + ": must be a YAML mapping (or {} for the defaults)");
      } else {
        sections.put(e.getKey(), section);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return sections;
  }

  private static InvalidConfigException problem(String message) {
    return new InvalidConfigException(List.of(message));
  }
}
