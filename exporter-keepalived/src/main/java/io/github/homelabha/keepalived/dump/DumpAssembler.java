package io.github.homelabha.keepalived.dump;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Combines the dumps of one round into a {@link KeepalivedDump}. The JSON dump is the primary
 * source when present; the text data dump adds what JSON lacks (script names and status, tracked
 * interfaces, sync groups); without JSON the text data and stats dumps are joined by instance name.
 */
public final class DumpAssembler {

  private DumpAssembler() {}

  /** JSON dump plus, optionally, the text data dump of the same round. */
  public static KeepalivedDump fromJson(
      List<VrrpInstance> json, Optional<TextDataParser.TextData> text) throws DumpParseException {
    if (text.isEmpty()) {
      return new KeepalivedDump(json, List.of(), List.of(), List.of());
    }
    TextDataParser.TextData t = text.get();
    List<VrrpInstance> merged = new ArrayList<>();
    for (VrrpInstance j : json) {
      VrrpInstance fromText =
          t.instances().stream()
              .filter(i -> i.name().equals(j.name()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new DumpParseException(
                          "instance " + j.name() + " is in the JSON dump but not the data dump"));
      merged.add(
          new VrrpInstance(
              j.name(),
              j.interfaceName(),
              j.vrid(),
              j.state(),
              j.wantState(),
              j.basePriority(),
              j.effectivePriority(),
              j.masterPriority(),
              j.lastTransition(),
              j.vips(),
              j.excludedVips(),
              // the text dump names scripts; JSON only has their commands
              fromText.trackedScripts().isEmpty()
                  ? namedScripts(j.trackedScripts(), t.scriptCommands())
                  : fromText.trackedScripts(),
              fromText.trackedInterfaces().isEmpty()
                  ? j.trackedInterfaces()
                  : fromText.trackedInterfaces(),
              fromText.syncGroup(),
              j.garpDelay(),
              j.stats()));
    }
    return new KeepalivedDump(merged, t.scripts(), t.interfaces(), t.syncGroups());
  }

  /** Text data dump plus text stats dump, for builds without JSON support. */
  public static KeepalivedDump fromText(TextDataParser.TextData text, Map<String, VrrpStats> stats)
      throws DumpParseException {
    List<VrrpInstance> out = new ArrayList<>();
    for (VrrpInstance i : text.instances()) {
      VrrpStats s = stats.get(i.name());
      if (s == null) {
        throw new DumpParseException(
            "instance " + i.name() + " is in the data dump but not in the stats dump");
      }
      out.add(i.withStats(s));
    }
    if (stats.size() != text.instances().size()) {
      throw new DumpParseException("data and stats dumps list different instances");
    }
    return new KeepalivedDump(out, text.scripts(), text.interfaces(), text.syncGroups());
  }

  private static List<TrackedScriptRef> namedScripts(
      List<TrackedScriptRef> commands, Map<String, String> names) {
    return commands.stream()
        .map(c -> new TrackedScriptRef(names.getOrDefault(c.name(), c.name()), c.weight()))
        .toList();
  }
}
