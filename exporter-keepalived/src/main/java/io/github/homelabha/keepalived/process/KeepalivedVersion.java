package io.github.homelabha.keepalived.process;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The version of the keepalived binary, from {@code keepalived --version} (printed on stderr). */
public final class KeepalivedVersion {
  private static final Pattern VERSION = Pattern.compile("Keepalived v(\\d+(?:\\.\\d+){1,3})");

  private KeepalivedVersion() {}

  public static Optional<String> of(String binary) {
    try {
      CommandRunner.Result r =
          CommandRunner.run(List.of(binary, "--version"), Duration.ofSeconds(10));
      return parse(r.stderr() + "\n" + r.stdout());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static Optional<String> parse(String output) {
    Matcher m = VERSION.matcher(output);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
