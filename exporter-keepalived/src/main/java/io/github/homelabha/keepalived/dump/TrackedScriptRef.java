package io.github.homelabha.keepalived.dump;

/**
 * A track script as an instance refers to it. The text dump gives the script's name and weight; the
 * JSON dump only gives the script's command line, so {@code name} is then the command.
 */
public record TrackedScriptRef(String name, int weight) {}
