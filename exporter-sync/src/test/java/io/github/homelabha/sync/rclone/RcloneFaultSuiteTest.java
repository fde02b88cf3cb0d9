package io.github.homelabha.sync.rclone;

import io.github.homelabha.core.testkit.RunningExporter;
import io.github.homelabha.core.testkit.upstream.FaultSuiteUpstream;
import io.github.homelabha.core.testkit.upstream.HttpExporterUnderTest;
import io.github.homelabha.core.testkit.upstream.UpstreamFault;
import io.github.homelabha.core.testkit.upstream.UpstreamFaultSuite;
import io.github.homelabha.sync.SyncExporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * The rclone rc target against a broken rc API. A refused connection is the documented exception:
 * {@code sync_rclone_rc_reachable 0} with the target up, because with {@code --rc} on a one-shot
 * command the API only exists while the command runs.
 */
class RcloneFaultSuiteTest extends UpstreamFaultSuite {

  @Override
  protected HttpExporterUnderTest exporterUnderTest() {
    return new HttpExporterUnderTest() {
      @Override
      public String name() {
        return "rclone";
      }

      @Override
      public String namespace() {
        return "sync";
      }

      @Override
      public String target() {
        return "rclone";
      }

      @Override
      public String otherTarget() {
        return "lsyncd";
      }

      @Override
      public long maxBodyBytes() {
        return RcClient.MAX_RESPONSE_BYTES;
      }

      @Override
      public MockResponse answer(RecordedRequest request) {
        String body =
            switch (request.getUrl().encodedPath()) {
              case "/core/stats" -> fixture("core-stats.json");
              case "/core/group-list" -> "{\"groups\":[\"job/3\",\"global_stats\"]}";
              case "/job/status" -> fixture("job-status.json");
              default -> null;
            };
        return body == null
            ? new MockResponse.Builder().code(404).build()
            : new MockResponse.Builder()
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
      }

      @Override
      public RunningExporter start(FaultSuiteUpstream upstream) throws Exception {
        Path lsyncdLog = Files.writeString(upstream.dir().resolve("lsyncd.log"), "");
        Path config =
            Files.writeString(
                upstream.dir().resolve("sync.yml"),
                "rclone:\n" + upstream.yaml(2) + "lsyncd:\n  log_file: " + lsyncdLog + "\n");
        return RunningExporter.start(new SyncExporter(), "--config.file=" + config);
      }

      @Override
      public Optional<DocumentedAlternative> alternative(UpstreamFault fault) {
        return fault == UpstreamFault.CONNECTION_REFUSED
            ? Optional.of(new DocumentedAlternative("sync_rclone_rc_reachable", 0))
            : Optional.empty();
      }
    };
  }

  private static String fixture(String name) {
    try {
      return RcloneFixtures.read(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
