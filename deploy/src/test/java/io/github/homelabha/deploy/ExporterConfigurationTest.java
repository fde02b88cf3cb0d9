package io.github.homelabha.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.core.testkit.system.Commands;
import io.github.homelabha.core.testkit.system.ProcessResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The configuration files the manifests and the stack mount pass ha-exporters' own {@code
 * --config.check}: every key known, every value valid. The secret files they name are replaced by
 * files of a temporary directory, since the check reads them.
 */
class ExporterConfigurationTest {
  private static final String SECRETS_DIR = "/etc/ha-exporters/secrets/";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "kubernetes/config/keepalived.yml",
        "kubernetes/config/adguard.yml",
        "kubernetes/config/unifi.yml",
        "swarm/keepalived-fifo-only.yml"
      })
  void passesTheExportersOwnCheck(String file, @TempDir Path tmp) throws IOException {
    String text = Files.readString(DeployFiles.deployDir().resolve(file));
    Path secrets = Files.createDirectories(tmp.resolve("secrets"));
    for (String exporter : List.of("adguard", "unifi")) {
      Path secret = Files.createDirectories(secrets.resolve(exporter)).resolve("password");
      Files.writeString(secret, "not-the-real-one\n");
      Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    }
    Path config = tmp.resolve("ha-exporters.yml");
    Files.writeString(config, text.replace(SECRETS_DIR, secrets + "/"));

    Path jar = Path.of(System.getProperty("ha-exporters.jar"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessResult result =
        Commands.run(
            Duration.ofSeconds(120),
            List.of(
                java.toString(),
                "-jar",
                jar.toString(),
                "--config.file=" + config,
                "--config.check"));
    assertThat(result.exitCode())
        .as("%s --config.check:%n%s%n%s", file, result.stdout(), result.stderr())
        .isZero();
  }
}
