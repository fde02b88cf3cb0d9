package io.github.homelabha.keepalived.transition;

import io.github.homelabha.core.api.LandingTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the event log for {@code /events} (JSON) and the landing page (table), newest first. */
public final class EventsView {

  private EventsView() {}

  public static Map<String, Object> json(List<Transition> events) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (int i = events.size() - 1; i >= 0; i--) {
      Transition t = events.get(i);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("time", Instant.ofEpochMilli(t.timeMillis()).toString());
      m.put("timestamp_seconds", t.timeMillis() / 1000.0);
      m.put("target", t.target());
      m.put("instance", t.instance());
      m.put("vrid", t.vrid());
      m.put("from", t.from());
      m.put("to", t.to());
      m.put("reason", t.reason().label());
      m.put("script", t.script());
      m.put("priority", t.priority() < 0 ? null : t.priority());
      m.put("base_priority", t.basePriority() < 0 ? null : t.basePriority());
      list.add(m);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("events", list);
    return body;
  }

  public static LandingTable table(List<Transition> events, int max) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = events.size() - 1; i >= 0 && rows.size() < max; i--) {
      Transition t = events.get(i);
      rows.add(
          List.of(
              Instant.ofEpochMilli(t.timeMillis()).toString(),
              t.target(),
              t.instance(),
              t.from() + " \u2192 " + t.to(),
              t.reason().label() + (t.script().isEmpty() ? "" : " (" + t.script() + ")"),
              t.priority() < 0 ? "" : Integer.toString(t.priority())));
    }
    return new LandingTable(
        List.of("time", "target", "instance", "change", "reason", "priority"), rows);
  }
}
