package io.github.homelabha.adguard;

import io.github.homelabha.adguard.simulator.AdGuardSimulator;
import io.github.homelabha.adguard.simulator.SimulatorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** Simulated AdGuard Home instances and the exporter configuration file that names them. */
final class Instances implements AutoCloseable {
  private final Path dir;
  private final List<AdGuardSimulator> sims = new ArrayList<>();
  private final StringBuilder yaml = new StringBuilder("instances:\n");
  private String extra = "";

  Instances(Path dir) {
    this.dir = dir;
  }

  AdGuardSimulator start(SimulatorOptions options) throws IOException {
    AdGuardSimulator s = AdGuardSimulator.start(options);
    sims.add(s);
    return s;
  }

  /** Adds an instance to the configuration; {@code more} is extra YAML for it (indented). */
  Instances add(String name, String url, String user, String password, String more)
      throws IOException {
    Path pw = dir.resolve(name + ".password");
    Files.writeString(pw, password + "\n");
    Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
    yaml.append("  - name: ")
        .append(name)
        .append("\n    url: ")
        .append(url)
        .append("\n    username: ")
        .append(user)
        .append("\n    password_file: ")
        .append(pw)
        .append("\n    timeout: 3s\n");
    if (!more.isEmpty()) {
      yaml.append(more.indent(4));
    }
    return this;
  }

  Instances top(String yamlLines) {
    extra += yamlLines + "\n";
    return this;
  }

  /** Writes the configuration file and returns the {@code --config.file} flag. */
  String configFlag() throws IOException {
    Path f = dir.resolve("adguard.yml");
    Files.writeString(f, yaml + extra);
    return "--config.file=" + f;
  }

  @Override
  public void close() {
    sims.forEach(AdGuardSimulator::close);
  }
}
