package io.github.homelabha.keepalived.transition;

import io.github.homelabha.keepalived.dump.KeepalivedDump;
import io.github.homelabha.keepalived.dump.VrrpInstance;
import io.github.homelabha.keepalived.fifo.NotifyEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the transition history of one keepalived process: the counters behind {@code
 * keepalived_vrrp_transitions_total}, the latest transition per instance and the shared {@link
 * EventLog}.
 *
 * <p>With a notify FIFO every state line is one transition, so changes between two scrapes are all
 * counted; the dump-based view is then only used as evidence for the reason. Without a FIFO,
 * transitions are found by comparing consecutive scrapes' dumps (changes that revert between two
 * scrapes are missed; keepalived's own {@code keepalived_become_master_total} still counts them).
 */
public final class VrrpTracker {
  /** After a (re)start or reload, transitions within this window are attributed to it. */
  static final long RELOAD_WINDOW_MILLIS = 10_000;

  /**
   * Most instances or sync groups the FIFO alone may introduce. Names keepalived's dump lists are
   * always tracked; the FIFO (writable by whoever keepalived lets write it) must not grow the
   * exporter's memory and series without bound.
   */
  static final int MAX_NAMES_FROM_FIFO = 256;

  private static final Logger LOG = LoggerFactory.getLogger(VrrpTracker.class);

  private final String target;
  private final boolean fifoMode;
  private final EventLog log;
  private final LongSupplier clock;
  private final Map<String, InstanceStatus> instances = new LinkedHashMap<>();
  private final Map<String, String> groups = new LinkedHashMap<>();
  private final Map<TransitionKey, Long> counts = new LinkedHashMap<>();
  private final Map<String, Transition> lastByInstance = new LinkedHashMap<>();
  private final Map<String, Long> loweredAt = new LinkedHashMap<>();
  private final Map<String, Integer> basePriorities = new LinkedHashMap<>();
  private Optional<KeepalivedDump> lastDump = Optional.empty();
  private long reloadUntil;
  private boolean limitWarned;

  /** Label values of one transitions counter series. */
  public record TransitionKey(
      String instance, String vrid, String from, String to, String reason) {}

  public VrrpTracker(String target, boolean fifoMode, EventLog log, LongSupplier clock) {
    this.target = target;
    this.fifoMode = fifoMode;
    this.log = log;
    this.clock = clock;
  }

  /**
   * keepalived was (re)started or reloaded (new process, FIFO reopened): attribute what follows.
   */
  public synchronized void onRestartOrReload() {
    reloadUntil = clock.getAsLong() + RELOAD_WINDOW_MILLIS;
  }

  /**
   * keepalived is gone (its FIFO closed and the process ended, or a scrape found it not running).
   * keepalived 2.2 writes no STOP line on shutdown, so every instance still thought active gets a
   * transition to STOP here; a repeated call changes nothing.
   */
  public synchronized void onStopped() {
    Evidence none = new Evidence("", Optional.empty(), Optional.empty(), false, false);
    for (InstanceStatus s : new ArrayList<>(instances.values())) {
      if (s.state().equals("STOP") || s.state().equals("DELETED")) {
        continue;
      }
      record(s.name(), s.vrid(), s.state(), "STOP", none, s.priority());
      instances.put(
          s.name(),
          new InstanceStatus(s.name(), s.vrid(), "STOP", s.priority(), clock.getAsLong()));
    }
  }

  /** A fresh dump from a scrape. Without a FIFO this is where transitions are detected. */
  public synchronized void onDump(KeepalivedDump dump) {
    long now = clock.getAsLong();
    Optional<KeepalivedDump> before = lastDump;
    for (VrrpInstance i : dump.instances()) {
      basePriorities.put(i.name(), i.basePriority());
      InstanceStatus known = instances.get(i.name());
      String state = i.state().name();
      long since = i.lastTransition().map(t -> (long) (t * 1000)).orElse(now);
      if (!fifoMode && known != null && !known.state().equals(state)) {
        Evidence ev = new Evidence(i.name(), before, Optional.of(dump), now < reloadUntil, false);
        record(
            i.name(), Integer.toString(i.vrid()), known.state(), state, ev, i.priorityInEffect());
      }
      if (fifoMode && known != null && !known.state().equals(state)) {
        // the FIFO line for this change is still in the pipe: keep the FIFO's view for counting
        state = known.state();
        since = known.sinceMillis();
      }
      instances.put(
          i.name(),
          new InstanceStatus(
              i.name(), Integer.toString(i.vrid()), state, i.priorityInEffect(), since));
    }
    dump.syncGroups().forEach(g -> groups.put(g.name(), g.state().name()));
    lastDump = Optional.of(dump);
  }

  /**
   * A FIFO line. State lines become transitions; {@code dumps} is asked for a fresh dump as
   * evidence (outside the lock, it signals keepalived and waits a few ms).
   */
  public void onFifoEvent(NotifyEvent e, DumpSource dumps) {
    synchronized (this) {
      if (!admits(e)) {
        return;
      }
    }
    if (e.kind() == NotifyEvent.Kind.GROUP) {
      synchronized (this) {
        if (!e.isPriorityChange() && !e.event().equals("MASTER_RX_LOWER_PRI")) {
          groups.put(e.name(), e.event());
        }
      }
      return;
    }
    if (e.event().equals("MASTER_RX_LOWER_PRI")) {
      return; // an event, not a state: the master saw a lower-priority advert (split brain heals)
    }
    if (e.isPriorityChange()) {
      synchronized (this) {
        InstanceStatus s = instances.get(e.name());
        Integer base = basePriorities.get(e.name());
        if (base != null && e.priority() < base) {
          loweredAt.put(e.name(), e.receivedAtMillis());
        } else {
          loweredAt.remove(e.name());
        }
        if (s != null) {
          instances.put(
              e.name(),
              new InstanceStatus(s.name(), s.vrid(), s.state(), e.priority(), s.sinceMillis()));
        }
      }
      return;
    }
    synchronized (this) {
      InstanceStatus s = instances.get(e.name());
      if ((s == null ? "UNKNOWN" : s.state()).equals(e.event())) {
        return; // repeated state (keepalived can write all states again after a reload)
      }
    }
    Optional<KeepalivedDump> after = dumps.freshDump(e.receivedAtMillis());
    synchronized (this) {
      InstanceStatus s = instances.get(e.name());
      // taking the dump may itself have found keepalived gone and recorded the stop
      String current = s == null ? "UNKNOWN" : s.state();
      if (current.equals(e.event())) {
        return;
      }
      String vrid =
          after
              .flatMap(d -> d.instance(e.name()))
              .map(i -> Integer.toString(i.vrid()))
              .orElse(s == null ? "" : s.vrid());
      Integer base = basePriorities.get(e.name());
      boolean lowered = loweredAt.containsKey(e.name()) || (base != null && e.priority() < base);
      Evidence ev =
          new Evidence(e.name(), lastDump, after, e.receivedAtMillis() < reloadUntil, lowered);
      // before recording: the first line after start-up has no earlier dump to know the base from
      after.ifPresent(
          d -> d.instances().forEach(i -> basePriorities.put(i.name(), i.basePriority())));
      record(e.name(), vrid, current, e.event(), ev, e.priority());
      instances.put(
          e.name(),
          new InstanceStatus(e.name(), vrid, e.event(), e.priority(), e.receivedAtMillis()));
      after.ifPresent(d -> lastDump = Optional.of(d));
    }
  }

  /**
   * Whether a FIFO line may be acted on: its instance or group is already tracked, or the latest
   * dump lists it, or (no dump yet, FIFO-only mode, or just after a reload that may have added it)
   * fewer than {@link #MAX_NAMES_FROM_FIFO} are tracked. Anything else is a name keepalived does
   * not have.
   */
  private boolean admits(NotifyEvent e) {
    boolean group = e.kind() == NotifyEvent.Kind.GROUP;
    Map<String, ?> tracked = group ? groups : instances;
    if (tracked.containsKey(e.name())) {
      return true;
    }
    if (lastDump.isPresent()) {
      KeepalivedDump d = lastDump.get();
      boolean listed =
          group
              ? d.syncGroups().stream().anyMatch(g -> g.name().equals(e.name()))
              : d.instance(e.name()).isPresent();
      if (listed) {
        return true;
      }
      if (clock.getAsLong() >= reloadUntil && !(group && d.syncGroups().isEmpty())) {
        return ignored(e, "keepalived's latest dump does not list it");
      }
    }
    if (tracked.size() >= MAX_NAMES_FROM_FIFO) {
      return ignored(e, "already " + MAX_NAMES_FROM_FIFO + " names from the notify FIFO");
    }
    return true;
  }

  private boolean ignored(NotifyEvent e, String why) {
    if (!limitWarned) {
      LOG.warn(
          "ignoring notify FIFO lines for unknown {} names ({}); first: {}",
          e.kind().name().toLowerCase(java.util.Locale.ROOT),
          why,
          e.name());
      limitWarned = true;
    }
    return false;
  }

  private void record(
      String instance, String vrid, String from, String to, Evidence ev, int priority) {
    ReasonInference.Result r = ReasonInference.infer(from, to, ev);
    long now = clock.getAsLong();
    if (from.equals("STOP") || from.equals("INIT") || from.equals("DELETED")) {
      // keepalived just (re)started: the election that follows belongs to the restart
      reloadUntil = Math.max(reloadUntil, now + RELOAD_WINDOW_MILLIS);
    }
    Transition t =
        new Transition(
            now,
            target,
            instance,
            vrid,
            from,
            to,
            r.reason(),
            r.script(),
            priority,
            basePriorities.getOrDefault(instance, -1));
    counts.merge(new TransitionKey(instance, vrid, from, to, r.reason().label()), 1L, Long::sum);
    lastByInstance.put(instance, t);
    log.add(t);
  }

  public synchronized Map<TransitionKey, Long> counts() {
    return new LinkedHashMap<>(counts);
  }

  public synchronized List<Transition> lastTransitions() {
    return new ArrayList<>(lastByInstance.values());
  }

  public synchronized List<InstanceStatus> instances() {
    return new ArrayList<>(instances.values());
  }

  public synchronized Map<String, String> groups() {
    return new LinkedHashMap<>(groups);
  }

  public String target() {
    return target;
  }
}
