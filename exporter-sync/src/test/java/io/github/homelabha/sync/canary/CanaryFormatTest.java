package io.github.homelabha.sync.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CanaryFormatTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void roundTrips() throws Exception {
    Canary canary = new Canary(Instant.ofEpochMilli(1763923200123L), 42, "node-a");
    String text = CanaryFormat.format(canary);
    assertThat(text)
        .isEqualTo(
            "homelab-ha-sync-canary 1\nwritten_at_ms=1763923200123\nsequence=42\nwriter=node-a\nend\n");
    assertThat(CanaryFormat.parse(bytes(text))).isEqualTo(canary);
  }

  @Test
  void acceptsKeysInAnyOrder() throws Exception {
    Canary c =
        CanaryFormat.parse(
            bytes("homelab-ha-sync-canary 1\nwriter=b\nsequence=7\nwritten_at_ms=1000\nend\n"));
    assertThat(c).isEqualTo(new Canary(Instant.ofEpochMilli(1000), 7, "b"));
  }

  @Test
  void rejectsEmptyTruncatedAndForeignFiles() {
    assertThatThrownBy(() -> CanaryFormat.parse(new byte[0]))
        .isInstanceOf(CanaryParseException.class)
        .hasMessageContaining("empty");
    String full = CanaryFormat.format(new Canary(Instant.ofEpochMilli(1), 1, "a"));
    assertThatThrownBy(() -> CanaryFormat.parse(bytes(full.substring(0, full.length() - 4))))
        .isInstanceOf(CanaryParseException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> CanaryFormat.parse(bytes("hello world\n")))
        .isInstanceOf(CanaryParseException.class);
    assertThatThrownBy(() -> CanaryFormat.parse(new byte[CanaryFormat.MAX_BYTES + 1]))
        .isInstanceOf(CanaryParseException.class)
        .hasMessageContaining("bytes");
  }

  @Test
  void rejectsBadValuesWithReadableMessages() {
    assertThatThrownBy(
            () ->
                CanaryFormat.parse(
                    bytes(
                        "homelab-ha-sync-canary 1\nwritten_at_ms=12x\nsequence=1\nwriter=a\nend\n")))
        .isInstanceOf(CanaryParseException.class)
        .hasMessageContaining("written_at_ms is not a number");
    assertThatThrownBy(
            () ->
                CanaryFormat.parse(
                    bytes(
                        "homelab-ha-sync-canary 1\nwritten_at_ms=1\nsequence=99999999999999999999\nwriter=a\nend\n")))
        .isInstanceOf(CanaryParseException.class);
    assertThatThrownBy(
            () ->
                CanaryFormat.parse(
                    bytes(
                        "homelab-ha-sync-canary 1\nwritten_at_ms=1\nsequence=1\nsequence=2\nwriter=a\nend\n")))
        .isInstanceOf(CanaryParseException.class)
        .hasMessageContaining("twice");
    assertThatThrownBy(
            () ->
                CanaryFormat.parse(
                    bytes(
                        "homelab-ha-sync-canary 1\nwritten_at_ms=1\nsequence=1\nwriter=a\nextra=1\nend\n")))
        .isInstanceOf(CanaryParseException.class)
        .hasMessageContaining("unknown");
  }

  @Test
  void sanitizesHostNames() {
    assertThat(CanaryFormat.sanitizeWriter("pi 4.local")).isEqualTo("pi_4.local");
    assertThat(CanaryFormat.sanitizeWriter("")).isEqualTo("unknown");
    assertThat(CanaryFormat.sanitizeWriter("x".repeat(100))).hasSize(64);
  }
}
