package io.github.homelabha.unifi.exporter;

import io.github.homelabha.core.testkit.RunningExporter;
import io.github.homelabha.core.testkit.upstream.FaultSuiteUpstream;
import io.github.homelabha.core.testkit.upstream.HttpExporterUnderTest;
import io.github.homelabha.core.testkit.upstream.UpstreamFaultSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * The core's upstream fault suite against exporter-unifi: the fake upstream plays a UniFi OS
 * console (login, session cookie, CSRF token, the Network paths).
 */
class UnifiFaultSuiteTest extends UpstreamFaultSuite {
  private static final String TOKEN = "fault-suite-session";

  @Override
  protected HttpExporterUnderTest exporterUnderTest() {
    return new HttpExporterUnderTest() {
      @Override
      public String name() {
        return "unifi";
      }

      @Override
      public String namespace() {
        return "unifi";
      }

      @Override
      public String target() {
        return "console";
      }

      @Override
      public String otherTarget() {
        return "sessions";
      }

      @Override
      public long maxBodyBytes() {
        return 1024 * 1024;
      }

      @Override
      public MockResponse answer(RecordedRequest request) {
        return ConsoleAnswers.answer(request, TOKEN);
      }

      @Override
      public RunningExporter start(FaultSuiteUpstream upstream) throws Exception {
        Path config =
            Files.writeString(
                upstream.dir().resolve("unifi.yml"),
                "controllers:\n"
                    + "  - name: console\n"
                    + "    platform: unifi_os\n"
                    + "    events: false\n"
                    + "    max_response_bytes: "
                    + maxBodyBytes()
                    + "\n"
                    + upstream.yaml(4));
        return RunningExporter.start(new UnifiExporter(), "--config.file=" + config);
      }
    };
  }
}
