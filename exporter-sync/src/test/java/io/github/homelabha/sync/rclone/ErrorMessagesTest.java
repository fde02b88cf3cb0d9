package io.github.homelabha.sync.rclone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ErrorMessagesTest {
  private static final String PASSWORD = "PLANT-sftp-pass";

  @Test
  void aUrlPasswordIsMaskedEvenWhenTheCutFallsBeforeItsAt() {
    // 185 characters of text, then a URL whose '@' lies beyond the 200-character cut.
    String message =
        "x".repeat(185) + " sftp://bob:" + PASSWORD + "-and-some-more-characters@nas.lan/backup";

    String label = ErrorMessages.forLabel(message);

    // Cut first, the label would end in "sftp://bob:PLANT-sftp-pass-a...", the password in view.
    assertThat(label).doesNotContain("PLANT").doesNotContain("bob").endsWith("...");
    assertThat(label.codePointCount(0, label.length())).isEqualTo(ErrorMessages.MAX_LENGTH);
  }

  @Test
  void aMaskedUrlThatFitsAfterMaskingStaysWhole() {
    String message = "x".repeat(150) + " sftp://bob:" + PASSWORD + "-long-enough@nas.lan/backup";

    assertThat(ErrorMessages.forLabel(message))
        .isEqualTo("x".repeat(150) + " sftp://<secret>@nas.lan/backup");
  }

  @Test
  void controlCharactersBecomeOneSpaceAndShortTextStaysWhole() {
    assertThat(ErrorMessages.forLabel("  mkdir /srv/x:\n\tnot a directory\r\n"))
        .isEqualTo("mkdir /srv/x: not a directory");
  }

  @Test
  void theTrackerKeepsTheMaskedTextInTheStateItPersists() throws Exception {
    RcloneJobState state = new RcloneJobState();
    RcloneRunTracker tracker = new RcloneRunTracker(state);
    String line =
        "{\"level\":\"error\",\"msg\":\""
            + "y".repeat(190)
            + " https://alice:"
            + PASSWORD
            + "@webdav.lan/dav\",\"time\":\"2026-11-23T18:43:35.083932Z\"}";

    new RcloneLogParser(ZoneOffset.UTC).parse(line).ifPresent(tracker::accept);

    assertThat(state.lastError).isNotEmpty().doesNotContain("PLANT").doesNotContain("alice");
  }
}
