package io.github.homelabha.sync.rclone;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.homelabha.core.testkit.Mutations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Mutants of real rclone output fail only with our parse exception: JSON log lines (the log parser
 * and the run tracker together), core/stats and job/status answers.
 */
class RcloneFuzzTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void logLineMutantsFailOnlyWithRcloneParseException() {
    RcloneLogParser parser = new RcloneLogParser(ZoneOffset.UTC);
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          String all =
              RcloneFixtures.read("sync-ok.jsonl") + RcloneFixtures.read("sync-failed.jsonl");
          RcloneRunTracker tracker = new RcloneRunTracker(new RcloneJobState());
          long seed = 1;
          for (String line : all.split("\n")) {
            for (byte[] mutant :
                Mutations.of(line.getBytes(StandardCharsets.UTF_8), seed++, 1_500)) {
              try {
                parser.parse(new String(mutant, StandardCharsets.UTF_8)).ifPresent(tracker::accept);
              } catch (RcloneParseException expected) {
                // the only failure allowed
              }
            }
          }
          tracker.finishIdle();
        });
  }

  @Test
  void rcAnswerMutantsFailOnlyWithRcloneParseException() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          byte[] stats = RcloneFixtures.read("core-stats.json").getBytes(StandardCharsets.UTF_8);
          byte[] job = RcloneFixtures.read("job-status.json").getBytes(StandardCharsets.UTF_8);
          for (byte[] mutant : Mutations.of(stats, 11L, 5_000)) {
            JsonNode node = jsonOrNull(mutant);
            try {
              RcStatsParser.parse(node);
            } catch (RcloneParseException expected) {
              // the only failure allowed
            }
          }
          byte[] groups =
              "{\"groups\":[\"job/3\",\"job/12\",\"global_stats\"]}"
                  .getBytes(StandardCharsets.UTF_8);
          for (byte[] mutant : Mutations.of(groups, 13L, 3_000)) {
            try {
              RcClient.parseGroups(jsonOrNull(mutant));
            } catch (RcloneParseException expected) {
              // the only failure allowed
            }
          }
          for (byte[] mutant : Mutations.of(job, 12L, 5_000)) {
            JsonNode node = jsonOrNull(mutant);
            try {
              RcClient.parseJob(node);
            } catch (RcloneParseException expected) {
              // the only failure allowed
            }
          }
        });
  }

  /** The client turns invalid JSON into RcloneParseException itself; here null stands for it. */
  private static JsonNode jsonOrNull(byte[] bytes) {
    try {
      return MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      return null;
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
