package io.github.homelabha.core.web.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.io.BoundedFiles;
import io.github.homelabha.core.io.BoundedFiles.FileTooLargeException;
import io.github.homelabha.core.io.BoundedFiles.NotARegularFileException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads from a web config's YAML tree and from the files it names. Each read records a
 * problem with its key path and returns null (or the fallback) instead of throwing, so the loader
 * lists every problem of the file at once.
 */
final class YamlTree {
  /**
   * PEM and YAML files are a few KiB; {@code /dev/zero} or a log by mistake must not fill memory.
   */
  static final long MAX_FILE_BYTES = 1 << 20;

  private final ConfigProblems problems;

  YamlTree(ConfigProblems problems) {
    this.problems = problems;
  }

  ConfigProblems problems() {
    return problems;
  }

  /** A nested mapping, or null when absent or empty ({@code key:} with no value). */
  JsonNode section(JsonNode parent, String key, String path) {
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      problems.add(path, "must be a mapping");
      return null;
    }
    return node;
  }

  void rejectUnknownKeys(JsonNode node, String path, Set<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        problems.add(
            path.isEmpty() ? key : path + "." + key,
            "unknown key (known: " + String.join(", ", new TreeSet<>(known)) + ")");
      }
    }
  }

  /** A scalar as text; null (with a problem) for a list or mapping; null for an empty value. */
  String text(JsonNode parent, String key, String path) {
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      return null;
    }
    String value = scalar(node, path + "." + key);
    return value == null || value.isEmpty() ? null : value;
  }

  String scalar(JsonNode node, String at) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isValueNode()) {
      problems.add(at, "must be a single value, not a list or mapping");
      return null;
    }
    return node.asText();
  }

  List<String> strings(JsonNode parent, String key, String path) {
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      problems.add(path + "." + key, "must be a list");
      return null;
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String value = scalar(node.get(i), path + "." + key + "[" + i + "]");
      if (value != null) {
        values.add(value);
      }
    }
    return values;
  }

  boolean bool(JsonNode parent, String key, String path, boolean fallback) {
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isBoolean()) {
      problems.add(path + "." + key, "must be true or false");
      return fallback;
    }
    return node.booleanValue();
  }

  /**
   * The text of a regular file of at most {@link #MAX_FILE_BYTES}, or null with a problem naming
   * {@code keyPath} and the file.
   */
  String readFile(Path path, String keyPath, Charset charset) {
    try {
      // decoding never throws: a bad byte becomes a parse problem, not a crash
      return new String(BoundedFiles.read(path, MAX_FILE_BYTES), charset);
    } catch (NoSuchFileException e) {
      problems.add(keyPath, "file not found: " + path);
    } catch (AccessDeniedException e) {
      problems.add(keyPath, "permission denied: " + path);
    } catch (FileTooLargeException e) {
      problems.add(keyPath, e.getMessage() + "; not a PEM or YAML file?");
    } catch (NotARegularFileException e) {
      problems.add(keyPath, e.getMessage());
    } catch (IOException e) {
      problems.add(keyPath, "cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
    }
    return null;
  }
}
