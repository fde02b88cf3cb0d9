package io.github.homelabha.keepalived.transition;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.keepalived.Fixtures;
import io.github.homelabha.keepalived.dump.DumpAssembler;
import io.github.homelabha.keepalived.dump.JsonDumpParser;
import io.github.homelabha.keepalived.dump.KeepalivedDump;
import io.github.homelabha.keepalived.dump.TextDataParser;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Reasons inferred from dump pairs recorded around real transitions of a two-node keepalived 2.2.7
 * cluster (node 1 priority 150 with track script chk_dns weight -60, node 2 priority 100).
 */
class ReasonInferenceTest {

  private static KeepalivedDump dump(String name) throws Exception {
    return DumpAssembler.fromJson(
        JsonDumpParser.parse(Fixtures.dump("2.2.7/" + name + ".json")),
        Optional.of(TextDataParser.parse(Fixtures.dump("2.2.7/" + name + ".data"))));
  }

  private static ReasonInference.Result infer(
      String from, String to, String before, String after, boolean lowered) throws Exception {
    return ReasonInference.infer(
        from,
        to,
        new Evidence(
            "VI_DNS",
            before == null ? Optional.empty() : Optional.of(dump(before)),
            after == null ? Optional.empty() : Optional.of(dump(after)),
            false,
            lowered));
  }

  @Test
  void masterLosingToItsFailedTrackScriptNamesTheScript() throws Exception {
    ReasonInference.Result r = infer("MASTER", "BACKUP", "master", "script-failed-backup", false);

    assertThat(r.reason()).isEqualTo(TransitionReason.TRACK_SCRIPT);
    assertThat(r.script()).isEqualTo("chk_dns");
  }

  @Test
  void masterLosingWithFullPriorityWasPreempted() throws Exception {
    // node 2 gives MASTER back when node 1's script recovers
    assertThat(infer("MASTER", "BACKUP", "preempted-master", "backup", false).reason())
        .isEqualTo(TransitionReason.PREEMPTED);
  }

  @Test
  void backupRisingAboveTheMastersAdvertisedPriorityPreemptsIt() throws Exception {
    // node 1 after recovery: its priority 150 is above master node 2's 100
    assertThat(infer("BACKUP", "MASTER", "script-failed-backup", "master", false).reason())
        .isEqualTo(TransitionReason.PREEMPTED);
  }

  @Test
  void backupTakingOverAfterAdvertsStoppedReportsPeerLost() throws Exception {
    assertThat(infer("BACKUP", "MASTER", "backup", "preempted-master", false).reason())
        .isEqualTo(TransitionReason.PEER_LOST);
  }

  @Test
  void faultFromADownInterface() throws Exception {
    assertThat(infer("BACKUP", "FAULT", "backup", "fault", false).reason())
        .isEqualTo(TransitionReason.INTERFACE);
    assertThat(infer("FAULT", "BACKUP", "fault", "backup", false).reason())
        .isEqualTo(TransitionReason.INTERFACE);
  }

  @Test
  void stopAndRestartAreNamed() throws Exception {
    assertThat(infer("MASTER", "STOP", null, null, false).reason())
        .isEqualTo(TransitionReason.STOPPED);
    assertThat(infer("STOP", "BACKUP", null, null, false).reason())
        .isEqualTo(TransitionReason.RELOAD);
    assertThat(infer("INIT", "BACKUP", null, null, false).reason())
        .isEqualTo(TransitionReason.RELOAD);
    assertThat(
            ReasonInference.infer(
                    "MASTER",
                    "BACKUP",
                    new Evidence("VI_DNS", Optional.empty(), Optional.empty(), true, false))
                .reason())
        .isEqualTo(TransitionReason.RELOAD);
  }

  @Test
  void aScriptFailingSoonAfterARestartIsStillNamed() throws Exception {
    ReasonInference.Result r =
        ReasonInference.infer(
            "MASTER",
            "BACKUP",
            new Evidence(
                "VI_DNS",
                Optional.of(dump("master")),
                Optional.of(dump("script-failed-backup")),
                true,
                false));
    assertThat(r.reason()).isEqualTo(TransitionReason.TRACK_SCRIPT);
    assertThat(r.script()).isNotEmpty();
    // the election right after the restart, with nothing failing, belongs to the restart
    assertThat(
            ReasonInference.infer(
                    "MASTER",
                    "BACKUP",
                    new Evidence(
                        "VI_DNS",
                        Optional.of(dump("master")),
                        Optional.of(dump("backup")),
                        true,
                        false))
                .reason())
        .isEqualTo(TransitionReason.RELOAD);
  }

  @Test
  void withoutDumpsOnlyWhatTheFifoShowsIsClaimed() throws Exception {
    assertThat(infer("BACKUP", "MASTER", null, null, false).reason())
        .isEqualTo(TransitionReason.UNKNOWN);
    assertThat(infer("MASTER", "BACKUP", null, null, true).reason())
        .isEqualTo(TransitionReason.UNKNOWN);
    assertThat(infer("MASTER", "BACKUP", null, null, false).reason())
        .isEqualTo(TransitionReason.PREEMPTED);
    assertThat(infer("BACKUP", "FAULT", null, null, false).reason())
        .isEqualTo(TransitionReason.UNKNOWN);
  }

  @Test
  void priorityZeroAdvertIsRecognised() throws Exception {
    String json = Fixtures.dump("2.2.7/backup.json");
    String after =
        Fixtures.dump("2.2.7/preempted-master.json")
            .replaceFirst("\"pri_zero_rcvd\":0", "\"pri_zero_rcvd\":1");
    ReasonInference.Result r =
        ReasonInference.infer(
            "BACKUP",
            "MASTER",
            new Evidence(
                "VI_DNS",
                Optional.of(DumpAssembler.fromJson(JsonDumpParser.parse(json), Optional.empty())),
                Optional.of(DumpAssembler.fromJson(JsonDumpParser.parse(after), Optional.empty())),
                false,
                false));
    assertThat(r.reason()).isEqualTo(TransitionReason.PRIORITY_ZERO);
  }
}
