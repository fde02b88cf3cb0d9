package io.github.homelabha.keepalived.dump;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code keepalived.data} (written on {@code keepalived --signum=DATA}) in the layouts of
 * keepalived 1.3 to 2.2: sections headed {@code ------< VRRP Topology >------}, instance blocks
 * {@code VRRP Instance = NAME} with {@code Key = value} lines, and lists written as {@code Virtual
 * IP = 1}, {@code Virtual IP :} or {@code Virtual IP (1):} followed by deeper indented entries.
 * Before 2.0 the tracked scripts were printed inside the instance block; that layout is read too.
 *
 * <p>Authentication lines ({@code Password = ...}) are skipped without being stored.
 */
public final class TextDataParser {
  private static final Pattern SECTION = Pattern.compile("^-+<\\s*(.+?)\\s*>-+\\s*$");
  private static final Pattern LIST_HEADER =
      Pattern.compile("^(.+?)\\s*(?:=\\s*\\d+|\\(\\d+\\)\\s*:|:)$");
  private static final Pattern WEIGHTED = Pattern.compile("^(\\S+),?\\s+weight\\s+(-?\\d+)$");
  private static final Pattern GROUP_HEADER =
      Pattern.compile("^VRRP Sync Group = (\\S+?),\\s*(\\S+)$");
  private static final List<String> SCRIPT_KEYS =
      List.of(
          "Command",
          "Interval",
          "Timeout",
          "Weight",
          "Rise",
          "Fall",
          "Full",
          "Insecure",
          "Status",
          "Result",
          "Init state",
          "Script uid:gid");

  private TextDataParser() {}

  /** The parsed dump; {@code stats} of the instances stay empty (they come from the stats dump). */
  public static TextData parse(String text) throws DumpParseException {
    return new Run().parse(text);
  }

  /** What the text data dump holds. */
  public record TextData(
      List<VrrpInstance> instances,
      List<VrrpScript> scripts,
      List<TrackedInterface> interfaces,
      List<SyncGroup> syncGroups,
      Map<String, String> scriptCommands) {}

  /** One pass over the text, with the block being read as state. */
  private static final class Run {
    private final List<InstanceBuilder> instances = new ArrayList<>();
    private final List<ScriptBuilder> scripts = new ArrayList<>();
    private final List<TrackedInterface> interfaces = new ArrayList<>();
    private final List<SyncGroup> groups = new ArrayList<>();
    private String section = "";
    private InstanceBuilder instance;
    private ScriptBuilder script;
    private String ifName;
    private String ifState;
    private boolean ifTracking;
    private String list; // the list whose entries follow, e.g. "Virtual IP"
    private int lineNo;

    TextData parse(String text) throws DumpParseException {
      boolean sawTopology = false;
      for (String raw : text.split("\n", -1)) {
        lineNo++;
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        if (line.isBlank()) {
          continue;
        }
        Matcher m = line.startsWith("-") ? SECTION.matcher(line) : null;
        if (m != null && m.matches()) {
          endInterface();
          section = m.group(1);
          sawTopology |= section.equals("VRRP Topology");
          instance = null;
          script = null;
          list = null;
          continue;
        }
        int indent = indent(line);
        String body = line.trim();
        switch (section) {
          case "VRRP Topology" -> topology(indent, body);
          case "VRRP Scripts" -> scriptSection(indent, body);
          case "VRRP Sync groups" -> syncGroup(indent, body);
          case "Interfaces" -> interfaceSection(indent, body);
          default -> {
            // global definitions, socket pools, static routes...: nothing we export
          }
        }
      }
      endInterface();
      if (!sawTopology) {
        throw new DumpParseException("data dump has no VRRP Topology section");
      }
      List<VrrpInstance> built = new ArrayList<>();
      for (InstanceBuilder b : instances) {
        built.add(b.build());
      }
      List<VrrpScript> builtScripts = new ArrayList<>();
      Map<String, String> commands = new LinkedHashMap<>();
      for (ScriptBuilder s : scripts) {
        if (builtScripts.stream().noneMatch(x -> x.name().equals(s.name))) {
          builtScripts.add(s.build());
          if (s.command != null) {
            commands.put(s.command, s.name);
          }
        }
      }
      return new TextData(built, builtScripts, interfaces, groups, commands);
    }

    private void topology(int indent, String body) throws DumpParseException {
      if (indent <= 1 && body.startsWith("VRRP Instance")) {
        instance = new InstanceBuilder(value(body, "VRRP Instance"));
        instances.add(instance);
        script = null;
        list = null;
        return;
      }
      if (instance == null) {
        throw new DumpParseException("data dump line " + lineNo + " is outside a VRRP instance");
      }
      if (indent <= 1 && body.startsWith("VRRP Script")) {
        // keepalived 1.x printed each tracked script's details inside the instance block
        script = new ScriptBuilder(value(body, "VRRP Script"));
        scripts.add(script);
        instance.scripts.add(new TrackedScriptRef(script.name, 0));
        list = null;
        return;
      }
      if (indent <= 1 && body.startsWith("VRRP Version")) {
        return; // 1.x printed this one with a single space of indent
      }
      if (indent >= 5 && list != null) {
        instance.listEntry(list, body, lineNo);
        return;
      }
      list = null;
      String key = key(body);
      if (key == null) {
        Matcher lm = LIST_HEADER.matcher(body);
        if (lm.matches()) {
          list = lm.group(1).trim();
        }
        return;
      }
      String value = value(body, key);
      if (script != null && SCRIPT_KEYS.contains(key)) {
        script.set(key, value, lineNo);
        return;
      }
      if (isListHeader(key, value)) {
        list = key;
        return;
      }
      instance.set(key, value, lineNo);
    }

    private boolean isListHeader(String key, String value) {
      return (key.startsWith("Virtual IP") || key.startsWith("Tracked "))
          && (value.isEmpty() || value.matches("\\d+"));
    }

    private void scriptSection(int indent, String body) throws DumpParseException {
      if (indent <= 1 && body.startsWith("VRRP Script")) {
        script = new ScriptBuilder(value(body, "VRRP Script"));
        scripts.add(script);
        return;
      }
      if (script == null || indent >= 5) {
        return; // "Tracking instances" entries: the instances list their scripts themselves
      }
      String key = key(body);
      if (key != null && (SCRIPT_KEYS.contains(key) || key.equals("State"))) {
        script.set(key, value(body, key), lineNo);
      }
    }

    private void syncGroup(int indent, String body) throws DumpParseException {
      if (indent <= 1 && body.startsWith("VRRP Sync Group")) {
        Matcher m = GROUP_HEADER.matcher(body);
        if (!m.matches()) {
          throw new DumpParseException("data dump line " + lineNo + ": unreadable sync group");
        }
        groups.add(new SyncGroup(m.group(1), state(m.group(2), lineNo)));
      }
    }

    private void interfaceSection(int indent, String body) {
      if (indent <= 1 && body.startsWith("Name =")) {
        endInterface();
        ifName = value(body, "Name");
        return;
      }
      if (ifName == null) {
        return;
      }
      if (indent < 5 && body.startsWith("State =")) {
        ifState = value(body, "State");
      } else if (body.startsWith("Tracking VRRP instances")) {
        ifTracking = true;
      }
    }

    private void endInterface() {
      if (ifName != null && ifTracking && !ifName.isEmpty()) {
        // "UP, RUNNING" vs "not UP, not RUNNING" (2.2) or "DOWN"
        boolean up =
            ifState != null
                && ifState.matches("(?i)^UP\\b.*")
                && ifState.matches(".*(?<!not )RUNNING.*");
        interfaces.add(new TrackedInterface(ifName, up));
      }
      ifName = null;
      ifState = null;
      ifTracking = false;
    }
  }

  private static int indent(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  /** The key of a {@code Key = value} line, or null when the line has no " = ". */
  private static String key(String body) {
    int eq = body.indexOf(" =");
    return eq <= 0 ? null : body.substring(0, eq).trim();
  }

  private static String value(String body, String key) {
    int eq = body.indexOf('=', key.length());
    return eq < 0 ? "" : body.substring(eq + 1).trim();
  }

  static VrrpState state(String word, int lineNo) throws DumpParseException {
    return VrrpState.fromName(word)
        .orElseThrow(() -> new DumpParseException("data dump line " + lineNo + ": unknown state"));
  }

  static int number(String value, int min, int max, String what, int lineNo)
      throws DumpParseException {
    String digits = value.trim().split("\\s+")[0];
    if (!digits.matches("-?\\d{1,9}")) {
      throw new DumpParseException("data dump line " + lineNo + ": " + what + " is no number");
    }
    int n = Integer.parseInt(digits);
    if (n < min || n > max) {
      throw new DumpParseException("data dump line " + lineNo + ": " + what + " out of range");
    }
    return n;
  }

  /** Collects one instance block. */
  private static final class InstanceBuilder {
    private final String name;
    private String interfaceName = "";
    private Integer vrid;
    private VrrpState state;
    private VrrpState wantState;
    private Integer priority;
    private Integer effective;
    private Double lastTransition;
    private String syncGroup;
    private int garpDelay;
    private final List<VirtualIp> vips = new ArrayList<>();
    private final List<VirtualIp> excluded = new ArrayList<>();
    private final List<TrackedScriptRef> scripts = new ArrayList<>();
    private final List<String> trackedInterfaces = new ArrayList<>();

    InstanceBuilder(String name) throws DumpParseException {
      if (name.isEmpty() || name.contains(" ")) {
        throw new DumpParseException("data dump: VRRP instance without a usable name");
      }
      this.name = name;
    }

    void set(String key, String value, int lineNo) throws DumpParseException {
      switch (key) {
        case "State" -> state = state(value, lineNo);
        case "Wantstate" -> wantState = state(value, lineNo);
        case "Interface", "Listening device" -> interfaceName = value.split("\\s+")[0];
        case "Virtual Router ID" -> vrid = number(value, 0, 255, "virtual router id", lineNo);
        case "Priority" -> priority = number(value, 0, 255, "priority", lineNo);
        case "Effective priority" ->
            effective = number(value, 0, 255, "effective priority", lineNo);
        case "Gratuitous ARP delay" ->
            garpDelay = number(value, 0, Integer.MAX_VALUE, "gratuitous ARP delay", lineNo);
        case "Sync group" -> syncGroup = value.split("[\\s,]+")[0];
        case "Last transition" -> lastTransition = epoch(value, lineNo);
        default -> {
          // everything else (timers, ARP settings, authentication) is not exported
        }
      }
    }

    void listEntry(String list, String entry, int lineNo) throws DumpParseException {
      if (list.equals("Virtual IP")) {
        vips.add(VirtualIp.parse(entry));
      } else if (list.equals("Virtual IP Excluded")) {
        excluded.add(VirtualIp.parse(entry));
      } else if (list.equals("Tracked scripts") || list.equals("Tracked interfaces")) {
        Matcher m = WEIGHTED.matcher(entry);
        if (!m.matches()) {
          throw new DumpParseException("data dump line " + lineNo + ": unreadable tracked item");
        }
        if (list.equals("Tracked scripts")) {
          scripts.add(
              new TrackedScriptRef(m.group(1), number(m.group(2), -254, 254, "weight", lineNo)));
        } else {
          trackedInterfaces.add(m.group(1));
        }
      }
    }

    private static double epoch(String value, int lineNo) throws DumpParseException {
      String first = value.split("\\s+")[0];
      if (!first.matches("\\d{1,12}(\\.\\d{1,9})?")) {
        throw new DumpParseException("data dump line " + lineNo + ": last transition is no time");
      }
      return Double.parseDouble(first);
    }

    VrrpInstance build() throws DumpParseException {
      if (state == null || vrid == null || priority == null) {
        throw new DumpParseException(
            "data dump: instance " + name + " lacks State, Virtual Router ID or Priority");
      }
      return new VrrpInstance(
          name,
          interfaceName,
          vrid,
          state,
          Optional.ofNullable(wantState),
          priority,
          Optional.ofNullable(effective),
          Optional.empty(),
          Optional.ofNullable(lastTransition),
          vips,
          excluded,
          scripts,
          trackedInterfaces,
          Optional.ofNullable(syncGroup),
          garpDelay,
          Optional.empty());
    }
  }

  /** Collects one script block. */
  private static final class ScriptBuilder {
    private final String name;
    private String command;
    private String status = "";
    private String state = "";
    private int weight;

    ScriptBuilder(String name) throws DumpParseException {
      if (name.isEmpty()) {
        throw new DumpParseException("data dump: VRRP script without a name");
      }
      this.name = name;
    }

    void set(String key, String value, int lineNo) throws DumpParseException {
      switch (key) {
        case "Command" -> command = value;
        case "Status" -> status = value;
        case "State" -> state = value;
        case "Weight" -> weight = number(value, -254, 254, "script weight", lineNo);
        default -> {
          // intervals, rise/fall and uid are configuration, not state
        }
      }
    }

    VrrpScript build() {
      return new VrrpScript(name, status, state, weight);
    }
  }
}
