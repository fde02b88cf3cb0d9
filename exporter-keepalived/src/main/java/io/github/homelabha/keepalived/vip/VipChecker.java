package io.github.homelabha.keepalived.vip;

import io.github.homelabha.keepalived.process.CommandRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists the addresses really present on the interfaces with {@code ip -j addr show}, run with
 * {@code -n NAMESPACE} when keepalived lives in another network namespace (Java cannot enter one).
 */
public final class VipChecker {
  private final String ipCommand;
  private final Optional<String> namespace;

  public VipChecker(String ipCommand, Optional<String> namespace) {
    this.ipCommand = ipCommand;
    this.namespace = namespace;
  }

  public HostAddresses read() throws IOException, AddressListParser.AddressListException {
    List<String> cmd = new ArrayList<>(List.of(ipCommand, "-j"));
    namespace.ifPresent(
        ns -> {
          cmd.add("-n");
          cmd.add(ns);
        });
    cmd.addAll(List.of("addr", "show"));
    CommandRunner.Result r = CommandRunner.run(cmd, Duration.ofSeconds(5));
    if (!r.ok()) {
      String err = r.stderr().trim();
      throw new IOException(
          String.join(" ", cmd) + " failed: " + (err.length() > 200 ? err.substring(0, 200) : err));
    }
    return AddressListParser.parse(r.stdout());
  }
}
