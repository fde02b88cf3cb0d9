package io.github.homelabha.keepalived.process;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signal numbers of the installed keepalived build, asked once with {@code keepalived
 * --signum=JSON|DATA|STATS} and cached: they differ between builds (JSON is 36 on Debian's 2.2.7),
 * and a build without JSON support fails {@code --signum=JSON}.
 */
public final class SignalNumbers {
  private final String binary;
  private final Map<String, OptionalInt> cache = new ConcurrentHashMap<>();

  public SignalNumbers(String binary) {
    this.binary = binary;
  }

  /** The signal for {@code name}, or empty when this build does not support it. */
  public OptionalInt of(String name) throws IOException {
    OptionalInt cached = cache.get(name);
    if (cached != null) {
      return cached;
    }
    CommandRunner.Result r =
        CommandRunner.run(List.of(binary, "--signum=" + name), Duration.ofSeconds(10));
    String out = r.stdout().trim();
    OptionalInt value =
        r.ok() && out.matches("\\d{1,2}")
            ? OptionalInt.of(Integer.parseInt(out))
            : OptionalInt.empty();
    cache.put(name, value);
    return value;
  }

  public String binary() {
    return binary;
  }
}
