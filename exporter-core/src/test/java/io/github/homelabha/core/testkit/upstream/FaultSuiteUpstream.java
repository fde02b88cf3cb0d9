package io.github.homelabha.core.testkit.upstream;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the fault suite hands an exporter to start with: the fake upstream's URL and the upstream
 * block (Prometheus' {@code http_config} names) to put into the exporter's YAML for its target.
 *
 * @param url the fake upstream
 * @param username user name the exporter must send
 * @param password password the exporter must send; it must never appear in any output
 * @param scrapeTimeout the scrape timeout the suite scrapes with
 * @param dir a directory for the exporter's files
 */
public record FaultSuiteUpstream(
    String url,
    String username,
    String password,
    Duration scrapeTimeout,
    Path dir,
    String tlsBlock,
    Duration backoff) {

  /**
   * The upstream block for {@code url} with basic auth, TLS and a short backoff, each line indented
   * by {@code indent} spaces, e.g. under a target's key.
   */
  public String yaml(int indent) {
    String pad = " ".repeat(indent);
    StringBuilder sb = new StringBuilder();
    sb.append(pad).append("url: ").append(url).append('\n');
    sb.append(pad).append("timeout: 10s\n");
    sb.append(pad).append("basic_auth:\n");
    sb.append(pad).append("  username: ").append(username).append('\n');
    sb.append(pad).append("  password: \"").append(password).append("\"\n");
    sb.append(pad).append("backoff:\n");
    sb.append(pad).append("  auth: ").append(backoff.toMillis()).append("ms\n");
    sb.append(pad).append("  rate_limited: ").append(backoff.toMillis()).append("ms\n");
    if (!tlsBlock.isEmpty()) {
      sb.append(pad).append("tls_config:\n");
      for (String line : tlsBlock.split("\n")) {
        sb.append(pad).append("  ").append(line).append('\n');
      }
    }
    return sb.toString();
  }
}
