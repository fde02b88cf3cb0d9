package io.github.homelabha.keepalived.transition;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.keepalived.Fixtures;
import io.github.homelabha.keepalived.dump.DumpAssembler;
import io.github.homelabha.keepalived.dump.JsonDumpParser;
import io.github.homelabha.keepalived.dump.KeepalivedDump;
import io.github.homelabha.keepalived.dump.TextDataParser;
import io.github.homelabha.keepalived.fifo.NotifyEvent;
import io.github.homelabha.keepalived.fifo.NotifyLineParser;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VrrpTrackerTest {
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final EventLog log = new EventLog(10);

  private static KeepalivedDump dump(String name) throws Exception {
    return DumpAssembler.fromJson(
        JsonDumpParser.parse(Fixtures.dump("2.2.7/" + name + ".json")),
        Optional.of(TextDataParser.parse(Fixtures.dump("2.2.7/" + name + ".data"))));
  }

  private NotifyEvent line(String text) {
    return NotifyLineParser.parse(text, clock.get()).orElseThrow();
  }

  @Test
  void countsEveryFifoTransitionWithItsReason() throws Exception {
    VrrpTracker t = new VrrpTracker("n1", true, log, clock::get);
    clock.addAndGet(60_000);
    t.onDump(dump("master"));
    Deque<KeepalivedDump> evidence = new ArrayDeque<>();
    evidence.add(dump("script-failed-backup"));
    evidence.add(dump("master"));

    t.onFifoEvent(line("INSTANCE \"VI_DNS\" MASTER_PRIORITY 90"), t0 -> Optional.empty());
    t.onFifoEvent(line("INSTANCE \"VI_DNS\" BACKUP 90"), t0 -> Optional.of(evidence.poll()));
    t.onFifoEvent(line("INSTANCE \"VI_DNS\" BACKUP_PRIORITY 150"), t0 -> Optional.empty());
    t.onFifoEvent(line("INSTANCE \"VI_DNS\" MASTER 150"), t0 -> Optional.of(evidence.poll()));
    t.onFifoEvent(
        line("INSTANCE \"VI_DNS\" MASTER 150"), t0 -> Optional.empty()); // repeated: no change

    assertThat(t.counts())
        .containsEntry(
            new VrrpTracker.TransitionKey("VI_DNS", "51", "MASTER", "BACKUP", "track_script"), 1L)
        .containsEntry(
            new VrrpTracker.TransitionKey("VI_DNS", "51", "BACKUP", "MASTER", "preempted"), 1L)
        .hasSize(2);
    assertThat(t.lastTransitions())
        .singleElement()
        .satisfies(
            last -> {
              assertThat(last.to()).isEqualTo("MASTER");
              assertThat(last.reason()).isEqualTo(TransitionReason.PREEMPTED);
            });
    assertThat(log.snapshot()).hasSize(2);
    assertThat(log.snapshot().get(0).script()).isEqualTo("chk_dns");
  }

  @Test
  void theFirstFifoEventTakesTheBasePriorityFromItsOwnEvidence() throws Exception {
    VrrpTracker t = new VrrpTracker("n1", true, log, clock::get);
    KeepalivedDump master = dump("master");
    t.onFifoEvent(line("INSTANCE \"VI_DNS\" MASTER 150"), t0 -> Optional.of(master));

    int base = master.instance("VI_DNS").orElseThrow().basePriority();
    assertThat(log.snapshot())
        .singleElement()
        .satisfies(e -> assertThat(e.basePriority()).isEqualTo(base));
  }

  @Test
  void flapsBetweenScrapesAreAllCountedFromTheFifo() {
    VrrpTracker t = new VrrpTracker("n1", true, log, clock::get);
    for (int i = 0; i < 5; i++) {
      t.onFifoEvent(line("INSTANCE \"VI_1\" MASTER 100"), t0 -> Optional.empty());
      t.onFifoEvent(line("INSTANCE \"VI_1\" BACKUP 100"), t0 -> Optional.empty());
    }

    long total = t.counts().values().stream().mapToLong(Long::longValue).sum();
    assertThat(total).isEqualTo(10);
    assertThat(t.counts())
        .containsEntry(new VrrpTracker.TransitionKey("VI_1", "", "UNKNOWN", "MASTER", "reload"), 1L)
        .containsEntry(
            new VrrpTracker.TransitionKey("VI_1", "", "MASTER", "BACKUP", "preempted"), 5L)
        .containsEntry(
            new VrrpTracker.TransitionKey("VI_1", "", "BACKUP", "MASTER", "unknown"), 4L);
  }

  @Test
  void stopAndRestartThroughTheFifo() {
    VrrpTracker t = new VrrpTracker("n1", true, log, clock::get);
    t.onFifoEvent(line("INSTANCE \"VI_1\" MASTER 100"), t0 -> Optional.empty());
    clock.addAndGet(60_000);
    t.onFifoEvent(line("INSTANCE \"VI_1\" STOP 100"), t0 -> Optional.empty());
    t.onFifoEvent(line("INSTANCE \"VI_1\" BACKUP 100"), t0 -> Optional.empty());
    clock.addAndGet(4_000);
    t.onFifoEvent(line("INSTANCE \"VI_1\" MASTER 100"), t0 -> Optional.empty());
    clock.addAndGet(VrrpTracker.RELOAD_WINDOW_MILLIS + 1);
    t.onFifoEvent(line("INSTANCE \"VI_1\" BACKUP 100"), t0 -> Optional.empty());

    assertThat(log.snapshot())
        .extracting(x -> x.from() + ">" + x.to() + ":" + x.reason().label())
        .containsExactly(
            "UNKNOWN>MASTER:reload",
            "MASTER>STOP:stopped",
            "STOP>BACKUP:reload",
            "BACKUP>MASTER:reload",
            "MASTER>BACKUP:preempted");
  }

  @Test
  void withoutFifoTransitionsComeFromConsecutiveDumps() throws Exception {
    VrrpTracker t = new VrrpTracker("n1", false, log, clock::get);
    clock.addAndGet(60_000);
    t.onDump(dump("master"));
    t.onDump(dump("master"));
    t.onDump(dump("script-failed-backup"));

    assertThat(t.counts())
        .containsOnlyKeys(
            new VrrpTracker.TransitionKey("VI_DNS", "51", "MASTER", "BACKUP", "track_script"));
  }

  @Test
  void aStoppedKeepalivedEndsEveryActiveInstanceOnce() {
    VrrpTracker t = new VrrpTracker("n1", true, log, clock::get);
    t.onFifoEvent(line("INSTANCE \"VI_1\" MASTER 100"), t0 -> Optional.empty());
    t.onFifoEvent(line("INSTANCE \"VI_2\" BACKUP 100"), t0 -> Optional.empty());

    t.onStopped();
    t.onStopped();

    assertThat(t.counts())
        .containsEntry(new VrrpTracker.TransitionKey("VI_1", "", "MASTER", "STOP", "stopped"), 1L)
        .containsEntry(new VrrpTracker.TransitionKey("VI_2", "", "BACKUP", "STOP", "stopped"), 1L);
    assertThat(t.instances()).extracting(InstanceStatus::state).containsOnly("STOP");
  }

  @Test
  void aStopFoundWhileTakingEvidenceIsNotCountedTwice() {
    VrrpTracker t = new VrrpTracker("n1", true, log, clock::get);
    t.onFifoEvent(line("INSTANCE \"VI_1\" MASTER 100"), t0 -> Optional.empty());
    clock.addAndGet(60_000);

    // the evidence dump finds keepalived gone and records the stop before the line is handled
    t.onFifoEvent(
        line("INSTANCE \"VI_1\" STOP 100"),
        t0 -> {
          t.onStopped();
          return Optional.empty();
        });

    assertThat(log.snapshot())
        .extracting(x -> x.from() + ">" + x.to())
        .containsExactly("UNKNOWN>MASTER", "MASTER>STOP");
  }

  @Test
  void groupLinesKeepTheGroupState() {
    VrrpTracker t = new VrrpTracker("n1", true, log, clock::get);
    t.onFifoEvent(line("GROUP \"SG\" MASTER 0"), t0 -> Optional.empty());
    assertThat(t.groups()).containsEntry("SG", "MASTER");
    assertThat(t.counts()).isEmpty();
  }

  @Test
  void eventLogKeepsOnlyTheNewest() {
    EventLog small = new EventLog(3);
    VrrpTracker t = new VrrpTracker("n1", true, small, clock::get);
    for (int i = 0; i < 5; i++) {
      t.onFifoEvent(line("INSTANCE \"VI_1\" MASTER 100"), t0 -> Optional.empty());
      t.onFifoEvent(line("INSTANCE \"VI_1\" BACKUP 100"), t0 -> Optional.empty());
    }
    assertThat(small.snapshot()).hasSize(3);
    assertThat(small.snapshot().get(2).to()).isEqualTo("BACKUP");
  }

  @Test
  void theFifoAloneCannotGrowTheTrackedInstancesWithoutBound() {
    VrrpTracker t = new VrrpTracker("n1", true, log, clock::get);
    clock.addAndGet(60_000);

    for (int i = 0; i < 10_000; i++) {
      t.onFifoEvent(line("INSTANCE \"VI_" + i + "\" MASTER 100"), t0 -> Optional.empty());
      t.onFifoEvent(line("GROUP \"G_" + i + "\" MASTER 0"), t0 -> Optional.empty());
    }

    assertThat(t.instances()).hasSize(VrrpTracker.MAX_NAMES_FROM_FIFO);
    assertThat(t.groups()).hasSize(VrrpTracker.MAX_NAMES_FROM_FIFO);
    assertThat(t.counts()).hasSize(VrrpTracker.MAX_NAMES_FROM_FIFO);
    assertThat(t.lastTransitions()).hasSize(VrrpTracker.MAX_NAMES_FROM_FIFO);
  }

  @Test
  void withADumpOnlyItsInstancesAreTrackedFromTheFifo() throws Exception {
    VrrpTracker t = new VrrpTracker("n1", true, log, clock::get);
    t.onDump(dump("master"));
    clock.addAndGet(60_000); // past the start-up window in which new names are expected

    for (int i = 0; i < 1000; i++) {
      t.onFifoEvent(line("INSTANCE \"INVENTED_" + i + "\" FAULT 0"), t0 -> Optional.empty());
    }
    t.onFifoEvent(
        line("INSTANCE \"VI_DNS\" BACKUP 90"), t0 -> Optional.of(dumpUnchecked("backup")));

    assertThat(t.instances()).extracting(InstanceStatus::name).doesNotContain("INVENTED_0");
    assertThat(t.counts().keySet())
        .extracting(VrrpTracker.TransitionKey::instance)
        .containsExactly("VI_DNS");
  }

  private static KeepalivedDump dumpUnchecked(String name) {
    try {
      return dump(name);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
