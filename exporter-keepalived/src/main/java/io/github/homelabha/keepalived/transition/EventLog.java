package io.github.homelabha.keepalived.transition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last N transitions of all targets, newest last, for {@code /events} and the landing page. */
public final class EventLog {
  private final int capacity;
  private final Deque<Transition> events = new ArrayDeque<>();

  public EventLog(int capacity) {
    this.capacity = Math.max(1, capacity);
  }

  public synchronized void add(Transition t) {
    if (events.size() == capacity) {
      events.removeFirst();
    }
    events.addLast(t);
  }

  public synchronized List<Transition> snapshot() {
    return new ArrayList<>(events);
  }
}
