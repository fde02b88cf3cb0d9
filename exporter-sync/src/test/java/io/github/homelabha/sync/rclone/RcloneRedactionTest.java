package io.github.homelabha.sync.rclone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import io.github.homelabha.core.testkit.RunningExporter;
import io.github.homelabha.sync.SyncExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upstream text that echoes credentials never reaches a label value or a start-up error. */
class RcloneRedactionTest {
  private static final String RC_PASSWORD = "PLANT-rc-pass-4711";
  private static final String REMOTE_PASSWORD = "PLANT-sftp-pass";

  @TempDir Path dir;

  @Test
  void aLastErrorEchoingPasswordsIsRedactedInItsLabel() throws Exception {
    String stats =
        RcloneFixtures.read("core-stats.json")
            .replace(
                "mkdir /srv/standby/x: not a directory",
                "login with "
                    + RC_PASSWORD
                    + " failed; retrying sftp://bob:"
                    + REMOTE_PASSWORD
                    + "@nas.lan/backup");
    try (MockWebServer rclone = new MockWebServer()) {
      rclone.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              String body =
                  switch (request.getUrl().encodedPath()) {
                    case "/core/stats" -> stats;
                    case "/core/group-list" -> "{\"groups\":[]}";
                    default -> "{}";
                  };
              return new MockResponse.Builder()
                  .addHeader("Content-Type", "application/json")
                  .body(body)
                  .build();
            }
          });
      rclone.start();
      Path config = dir.resolve("sync.yml");
      Files.writeString(
          config,
          "rclone:\n  url: "
              + rclone.url("/")
              + "\n  basic_auth:\n    username: admin\n    password: "
              + RC_PASSWORD
              + "\n");
      try (RunningExporter e =
          RunningExporter.start(new SyncExporter(), "--config.file=" + config)) {
        String metrics = e.scrapeText();
        assertThat(metrics)
            .contains("sync_rclone_last_error_info{message=\"login with <secret> failed;")
            .contains("sftp://<secret>@nas.lan/backup")
            .doesNotContain("PLANT");
        assertThat(e.get("/").body()).doesNotContain("PLANT");
        assertThat(e.logs()).doesNotContain("PLANT");
      }
    }
  }

  @Test
  void aUrlWithCredentialsIsNotQuotedInItsConfigurationError() {
    assertThatThrownBy(
            () ->
                RunningExporter.start(
                    new SyncExporter(), "--rclone.url=http://admin:" + RC_PASSWORD + "@[nas/"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("--rclone.url: not a URL")
        .hasMessageNotContaining("PLANT");
    assertThatThrownBy(
            () ->
                RunningExporter.start(
                    new SyncExporter(), "--rclone.url=ftp://admin:" + RC_PASSWORD + "@nas/"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("--rclone.url: must be an http(s) URL")
        .hasMessageNotContaining("PLANT");
  }

  @Test
  void aUrlThatIsNoUrlIsRefused() {
    assertThatThrownBy(() -> RunningExporter.start(new SyncExporter(), "--rclone.url=notaurl"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("--rclone.url: must be an http(s) URL with a host");
  }
}
