package io.github.homelabha.keepalived.process;

import io.github.homelabha.core.api.ScrapeException;
import io.github.homelabha.keepalived.dump.DumpAssembler;
import io.github.homelabha.keepalived.dump.DumpParseException;
import io.github.homelabha.keepalived.dump.JsonDumpParser;
import io.github.homelabha.keepalived.dump.KeepalivedDump;
import io.github.homelabha.keepalived.dump.StatsParser;
import io.github.homelabha.keepalived.dump.TextDataParser;
import io.github.homelabha.keepalived.dump.VrrpInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Asks keepalived for a dump and returns it only once keepalived has written a new, complete one.
 *
 * <p>keepalived writes the dump a few milliseconds after the signal, so reading right after
 * signalling mostly returns the previous dump. This reader remembers each file's {@link FileStamp}
 * before signalling and waits (polling every half millisecond, bounded by the scrape's budget)
 * until every file of the round has a new stamp and parses completely. JSON is self-delimiting, so
 * a parse proves completeness; a text file must also keep the same stamp over one poll interval.
 * Writes are also seen through inotify ({@link DumpWatcher}): on kernels whose file times have tick
 * resolution (up to 10 ms) a new dump of the same size written within the same tick would otherwise
 * look like the old one. Without inotify the reader instead waits, before signalling, for the clock
 * to move past the previous dump's time.
 */
public final class FreshDumpReader {
  private static final long COARSE_CLOCK_MILLIS = 12;
  private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

  private final DumpLocations locations;
  private final SignalNumbers signals;
  private final Signaller signaller;
  private final DumpFormatChoice formatChoice;
  private final boolean withTextData;
  private final DumpWatcher watcher = DumpWatcher.create();
  private final ReentrantLock round = new ReentrantLock();
  private final TextDataNeed textData = new TextDataNeed();

  /** How the dump format is chosen: forced, or from the build's JSON support. */
  public enum DumpFormatChoice {
    AUTO,
    JSON,
    TEXT
  }

  public FreshDumpReader(
      DumpLocations locations,
      SignalNumbers signals,
      Signaller signaller,
      DumpFormatChoice formatChoice,
      boolean withTextData) {
    this.withTextData = withTextData;
    this.locations = locations;
    this.signals = signals;
    this.signaller = signaller;
    this.formatChoice = formatChoice;
  }

  /**
   * Signals {@code process} and waits at most {@code budget} for a fresh, complete dump. One round
   * at a time: a caller that cannot start its round within its budget gives up instead of queueing
   * behind a stuck one.
   */
  public FreshDump read(KeepalivedProcess process, Duration budget) throws ScrapeException {
    long started = System.nanoTime();
    try {
      if (!round.tryLock(budget.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new ScrapeException(
            "timeout",
            "the previous request for a keepalived dump is still running after "
                + budget.toMillis()
                + "ms");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScrapeException("timeout", "interrupted while waiting for the previous dump");
    }
    try {
      long deadline = started + budget.toNanos();
      DumpFormat format = format();
      boolean skipData = format == DumpFormat.JSON_WITH_DATA && textData.notNeeded(process);
      if (skipData) {
        FreshDump jsonOnly = readRound(process, DumpFormat.JSON, deadline);
        if (!TextDataNeed.mayNeed(jsonOnly.dump(), textData)) {
          return jsonOnly;
        }
        // keepalived's configuration changed: this round lacks script names and states
        textData.forget();
      }
      FreshDump fresh = readRound(process, format, deadline);
      if (format == DumpFormat.JSON_WITH_DATA) {
        textData.learn(process, fresh.dump());
      }
      return fresh;
    } finally {
      round.unlock();
    }
  }

  private FreshDump readRound(KeepalivedProcess process, DumpFormat format, long deadline)
      throws ScrapeException {
    long started = System.nanoTime();
    List<Integer> numbers = new ArrayList<>();
    for (String name : format.signals()) {
      numbers.add(signalNumber(name));
    }
    Path dir = locations.directoryOf(process);
    if (!Files.isDirectory(dir)) {
      throw new ScrapeException(
          "no_dump",
          "dump directory "
              + locations.dumpDir()
              + " does not exist: keepalived writes its dumps to its TMPDIR; set"
              + " --keepalived.dump-dir to that directory");
    }
    TrustedDumpFiles.checkDirectory(dir, process);
    boolean watched = watcher != null && watcher.arm(dir);
    List<FileStamp> before = stamps(dir, format);
    requireTrusted(dir, format, before, process);
    if (!watched) {
      waitForCoarseClock(
          before.stream().mapToLong(FileStamp::mtimeMillis).max().orElse(0), deadline);
    }
    long signalled = System.nanoTime();
    signaller.sendAll(process, numbers);
    Set<String> written = new HashSet<>();
    DumpParseException lastParseError = null;
    List<FileStamp> previousPoll = null;
    JsonMemo[] jsonMemo = new JsonMemo[1];
    while (true) {
      Set<String> fresh = watcher == null ? Set.of() : watcher.drain(dir);
      written.addAll(fresh);
      List<FileStamp> now = stamps(dir, format);
      requireTrusted(dir, format, now, process);
      if (allChanged(before, now, written, format)) {
        boolean quiet = fresh.stream().noneMatch(f -> isDumpFile(f, format));
        boolean stable = quiet && now.equals(previousPoll);
        if (format == DumpFormat.JSON || stable) {
          try {
            KeepalivedDump dump = parse(dir, format, now, jsonMemo);
            long writtenAt = now.stream().mapToLong(FileStamp::mtimeMillis).max().orElse(0);
            return new FreshDump(
                dump, writtenAt, Duration.ofNanos(System.nanoTime() - signalled), dir);
          } catch (DumpParseException e) {
            lastParseError = e; // most likely still being written: poll again
          }
        }
      }
      previousPoll = now;
      if (System.nanoTime() >= deadline) {
        break;
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    if (lastParseError != null) {
      throw new ScrapeException(
          "parse", "keepalived dump unreadable: " + lastParseError.getMessage());
    }
    throw new ScrapeException(
        "stale",
        "keepalived (pid "
            + process.pid()
            + ") wrote no new "
            + String.join(" + ", format.files())
            + " in "
            + dir
            + " within "
            + waitedMs
            + "ms of signal "
            + numbers
            + "; if keepalived runs with another TMPDIR, point"
            + " --keepalived.dump-dir at that directory (older dumps are never served as fresh)");
  }

  /** The format this build and configuration use. */
  public DumpFormat format() throws ScrapeException {
    boolean json =
        switch (formatChoice) {
          case JSON -> true;
          case TEXT -> false;
          case AUTO -> signalOptional("JSON").isPresent();
        };
    if (json && signalOptional("JSON").isEmpty()) {
      throw new ScrapeException(
          "unsupported",
          signals.binary()
              + " --signum=JSON failed: this keepalived build has no JSON support; drop"
              + " --keepalived.json to use the text dumps");
    }
    if (!json) {
      return DumpFormat.TEXT;
    }
    return withTextData ? DumpFormat.JSON_WITH_DATA : DumpFormat.JSON;
  }

  private int signalNumber(String name) throws ScrapeException {
    return signalOptional(name)
        .orElseThrow(
            () ->
                new ScrapeException(
                    "unsupported",
                    signals.binary() + " --signum=" + name + " gave no signal number"));
  }

  private OptionalInt signalOptional(String name) throws ScrapeException {
    try {
      return signals.of(name);
    } catch (IOException e) {
      throw new ScrapeException(
          "unsupported",
          "cannot run '"
              + signals.binary()
              + " --signum="
              + name
              + "' to learn the signal number (is keepalived installed? set"
              + " keepalived.binary): "
              + e.getMessage());
    }
  }

  private static void waitForCoarseClock(long newestMillis, long deadlineNanos) {
    long waitMs = newestMillis + COARSE_CLOCK_MILLIS - System.currentTimeMillis();
    if (waitMs > 0 && waitMs <= COARSE_CLOCK_MILLIS) {
      long until =
          Math.min(deadlineNanos, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs));
      while (System.nanoTime() < until) {
        LockSupport.parkNanos(until - System.nanoTime());
      }
    }
  }

  private static List<FileStamp> stamps(Path dir, DumpFormat format) {
    List<FileStamp> out = new ArrayList<>();
    for (String f : format.files()) {
      out.add(FileStamp.of(dir.resolve(f)));
    }
    return out;
  }

  /** Every file of the round exists and was written since the signal (new stamp or event). */
  private static boolean allChanged(
      List<FileStamp> before, List<FileStamp> now, Set<String> written, DumpFormat format) {
    for (int i = 0; i < now.size(); i++) {
      boolean touched =
          written.contains(format.files().get(i)) || written.contains(DumpWatcher.OVERFLOW);
      if (!now.get(i).exists() || (now.get(i).equals(before.get(i)) && !touched)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDumpFile(String name, DumpFormat format) {
    return name.equals(DumpWatcher.OVERFLOW) || format.files().contains(name);
  }

  /** A parsed JSON dump and the stamp it was read at, reused while the data dump completes. */
  private record JsonMemo(FileStamp stamp, List<VrrpInstance> instances) {}

  private static KeepalivedDump parse(
      Path dir, DumpFormat format, List<FileStamp> stamps, JsonMemo[] memo)
      throws DumpParseException, ScrapeException {
    return switch (format) {
      case JSON -> DumpAssembler.fromJson(json(dir, stamps.get(0), memo), Optional.empty());
      case JSON_WITH_DATA ->
          DumpAssembler.fromJson(
              json(dir, stamps.get(0), memo),
              Optional.of(TextDataParser.parse(read(dir.resolve("keepalived.data")))));
      case TEXT ->
          DumpAssembler.fromText(
              TextDataParser.parse(read(dir.resolve("keepalived.data"))),
              StatsParser.parse(read(dir.resolve("keepalived.stats"))));
    };
  }

  private static List<VrrpInstance> json(Path dir, FileStamp stamp, JsonMemo[] memo)
      throws DumpParseException, ScrapeException {
    JsonMemo m = memo[0];
    if (m != null && m.stamp().equals(stamp)) {
      return m.instances();
    }
    List<VrrpInstance> parsed = JsonDumpParser.parse(read(dir.resolve("keepalived.json")));
    memo[0] = new JsonMemo(stamp, parsed);
    return parsed;
  }

  private static String read(Path file) throws ScrapeException, DumpParseException {
    return TrustedDumpFiles.read(file);
  }

  /** Fails at once when a dump file is not one keepalived wrote (checked before any open). */
  private static void requireTrusted(
      Path dir, DumpFormat format, List<FileStamp> stamps, KeepalivedProcess process)
      throws ScrapeException {
    for (int i = 0; i < stamps.size(); i++) {
      Optional<String> problem =
          TrustedDumpFiles.distrust(dir.resolve(format.files().get(i)), stamps.get(i), process);
      if (problem.isPresent()) {
        throw new ScrapeException("untrusted", problem.get());
      }
    }
  }
}
