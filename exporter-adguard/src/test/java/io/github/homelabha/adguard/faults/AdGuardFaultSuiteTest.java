package io.github.homelabha.adguard.faults;

import io.github.homelabha.adguard.AdGuardExporter;
import io.github.homelabha.adguard.simulator.AdGuardSimulator;
import io.github.homelabha.adguard.simulator.SimulatorOptions;
import io.github.homelabha.core.testkit.RunningExporter;
import io.github.homelabha.core.testkit.upstream.FaultSuiteUpstream;
import io.github.homelabha.core.testkit.upstream.HttpExporterUnderTest;
import io.github.homelabha.core.testkit.upstream.UpstreamFaultSuite;
import io.github.homelabha.core.upstream.UpstreamClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;

/**
 * The core's upstream fault suite against exporter-adguard in its default login-session mode: the
 * fake upstream plays an AdGuard Home ({@code POST /control/login}, the {@code agh_session} cookie,
 * the {@code /control/} reads of a scrape). The other instance is a simulated AdGuard Home that
 * stays healthy throughout.
 */
class AdGuardFaultSuiteTest extends UpstreamFaultSuite {
  private static final String SESSION = "agh_session=fault-suite-session";

  private AdGuardSimulator healthyInstance;

  /** How the instance under test authenticates ({@code auth:}). */
  protected String auth() {
    return "session";
  }

  protected String matrixName() {
    return "adguard";
  }

  @AfterEach
  void stopHealthyInstance() {
    if (healthyInstance != null) {
      healthyInstance.close();
      healthyInstance = null;
    }
  }

  @Override
  protected HttpExporterUnderTest exporterUnderTest() {
    return new HttpExporterUnderTest() {
      @Override
      public String name() {
        return matrixName();
      }

      @Override
      public String namespace() {
        return "adguard";
      }

      @Override
      public String target() {
        return "pi-a";
      }

      @Override
      public String otherTarget() {
        return "pi-b";
      }

      @Override
      public long maxBodyBytes() {
        return UpstreamClient.DEFAULT_MAX_BODY_BYTES;
      }

      @Override
      public MockResponse answer(RecordedRequest request) {
        return AdGuardAnswers.answer(request, SESSION);
      }

      @Override
      public RunningExporter start(FaultSuiteUpstream upstream) throws Exception {
        healthyInstance = AdGuardSimulator.start(SimulatorOptions.forTests());
        String config =
            "instances:\n"
                + instance(
                    "pi-a", upstream.url(), upstream.username(), upstream.password(), upstream)
                + instance("pi-b", healthyInstance.baseUrl(), "admin", "admin", upstream.dir());
        Path file = Files.writeString(upstream.dir().resolve("adguard.yml"), config);
        return RunningExporter.start(new AdGuardExporter(), "--config.file=" + file);
      }

      /** The healthy instance's YAML. */
      private String instance(String name, String url, String user, String password, Path dir)
          throws Exception {
        return instance(name, url, user, password, dir, null);
      }

      /** The instance under test's YAML, with the suite's backoff and TLS settings. */
      private String instance(
          String name, String url, String user, String password, FaultSuiteUpstream upstream)
          throws Exception {
        return instance(name, url, user, password, upstream.dir(), upstream);
      }

      private String instance(
          String name,
          String url,
          String user,
          String password,
          Path dir,
          FaultSuiteUpstream upstream)
          throws Exception {
        Path pw = dir.resolve(name + ".password");
        Files.writeString(pw, password + "\n");
        Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
        StringBuilder sb =
            new StringBuilder()
                .append("  - name: ")
                .append(name)
                .append("\n    url: ")
                .append(url)
                .append("\n    username: ")
                .append(user)
                .append("\n    password_file: ")
                .append(pw)
                .append("\n    auth: ")
                .append(auth())
                .append("\n    timeout: 10s\n");
        if (upstream != null) {
          long backoff = upstream.backoff().toMillis();
          sb.append("    backoff:\n")
              .append("      auth: ")
              .append(backoff)
              .append("ms\n")
              .append("      rate_limited: ")
              .append(backoff)
              .append("ms\n");
          if (!upstream.tlsBlock().isEmpty()) {
            sb.append("    tls_config:\n").append(upstream.tlsBlock().indent(6));
          }
        }
        return sb.toString();
      }
    };
  }
}
