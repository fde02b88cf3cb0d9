package io.github.homelabha.sync.lsyncd;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.homelabha.core.testkit.Mutations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Mutants of real statusFiles and logs fail only with our exception, and quickly. */
class LsyncdFuzzTest {
  @Test
  void statusFileMutantsFailOnlyWithLsyncdParseException() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          for (String name : new String[] {"one-sync-idle.status", "two-syncs-busy.status"}) {
            byte[] sample = LsyncdStatusParserTest.fixture(name).getBytes(StandardCharsets.UTF_8);
            for (byte[] mutant : Mutations.of(sample, name.hashCode(), 10_000)) {
              try {
                LsyncdStatusParser.parse(new String(mutant, StandardCharsets.UTF_8));
              } catch (LsyncdParseException expected) {
                // the only failure allowed
              }
            }
          }
        });
  }

  @Test
  void logMutantsNeverBreakTheFollower() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("sync-lsyncd-fuzz");
    try {
      byte[] sample = LsyncdFuzzTest.class.getResourceAsStream("/lsyncd/lsyncd.log").readAllBytes();
      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () -> {
            int i = 0;
            for (byte[] mutant : Mutations.of(sample, 77L, 2_000)) {
              java.nio.file.Path file = dir.resolve("log" + (i++ % 10));
              java.nio.file.Files.write(file, mutant);
              LsyncdLogFollower follower = new LsyncdLogFollower(file);
              follower.poll();
            }
          });
    } finally {
      try (var files = java.nio.file.Files.list(dir)) {
        for (java.nio.file.Path p : files.toList()) {
          java.nio.file.Files.delete(p);
        }
      }
      java.nio.file.Files.delete(dir);
    }
  }
}
