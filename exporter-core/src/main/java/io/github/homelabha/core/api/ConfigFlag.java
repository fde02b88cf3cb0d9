package io.github.homelabha.core.api;

import java.util.List;
import java.util.function.Function;

/**
 * An exporter-specific command-line flag that sets one key of the YAML configuration. A flag given
 * on the command line (or through its environment variable) overrides that key in the file.
 *
 * @param name the flag without dashes, e.g. {@code keepalived.pid-file}
 * @param configPath dotted key path in the YAML file, e.g. {@code keepalived.pid_file}
 * @param description help text
 * @param kind whether the flag takes a value, is a switch, or may be repeated
 * @param aliases other accepted names without dashes (e.g. another exporter's flag names), each
 *     accepted with two dashes and, as Go's flag package does, with one
 * @param valueMapper turns one command-line value into the YAML value (a String, Boolean, Map or
 *     List; Jackson binds it); it throws {@link IllegalArgumentException} with a readable message
 *     for bad input
 */
public record ConfigFlag(
    String name,
    String configPath,
    String description,
    Kind kind,
    List<String> aliases,
    Function<String, Object> valueMapper) {

  /** How a flag takes values. */
  public enum Kind {
    VALUE,
    SWITCH,
    REPEATABLE
  }

  public ConfigFlag {
    aliases = List.copyOf(aliases);
  }

  /** {@code --name=VALUE}, the value copied as a string. */
  public static ConfigFlag value(String name, String configPath, String description) {
    return new ConfigFlag(name, configPath, description, Kind.VALUE, List.of(), v -> v);
  }

  /** {@code --name} or {@code --name=false}. */
  public static ConfigFlag toggle(String name, String configPath, String description) {
    return new ConfigFlag(
        name, configPath, description, Kind.SWITCH, List.of(), Boolean::parseBoolean);
  }

  /** {@code --name=A --name=B}: the mapped values form a list at {@code configPath}. */
  public static ConfigFlag repeatable(
      String name, String configPath, String description, Function<String, Object> valueMapper) {
    return new ConfigFlag(name, configPath, description, Kind.REPEATABLE, List.of(), valueMapper);
  }

  /** The same flag, also accepted under these names. */
  public ConfigFlag withAliases(String... names) {
    return new ConfigFlag(name, configPath, description, kind, List.of(names), valueMapper);
  }
}
