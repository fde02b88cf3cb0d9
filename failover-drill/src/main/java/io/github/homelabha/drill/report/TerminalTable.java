package io.github.homelabha.drill.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The drill's result as a table for the terminal. */
public final class TerminalTable {
  private TerminalTable() {}

  public static String render(DrillReport report) {
    StringBuilder sb = new StringBuilder();
    sb.append("drill ")
        .append(report.drill())
        .append(": ")
        .append(report.result().text().toUpperCase(Locale.ROOT));
    if (report.reason() != null) {
      sb.append(" (").append(report.reason()).append(')');
    }
    sb.append('\n');
    if (report.message() != null) {
      sb.append(report.message()).append('\n');
    }
    if (report.failover() != null) {
      phase(sb, "failover", report.failover());
    }
    if (report.restore() != null) {
      phase(sb, "way back", report.restore());
    }
    return sb.toString();
  }

  private static void phase(StringBuilder sb, String title, PhaseReport phase) {
    sb.append('\n')
        .append(title)
        .append(": ")
        .append(phase.oldMaster())
        .append(" -> ")
        .append(phase.newMaster() == null ? "(no single MASTER)" : phase.newMaster())
        .append(", switch ")
        .append(phase.switchSeconds() == null ? "none" : seconds(phase.switchSeconds()))
        .append('\n');
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"service", "interruption", "max", "failed/probes", "verdict"});
    for (ServiceResult s : phase.services()) {
      rows.add(
          new String[] {
            s.name(),
            s.interruptionSeconds() == null ? "-" : seconds(s.interruptionSeconds()),
            seconds(s.maxInterruptionSeconds()),
            s.failedProbes() + "/" + s.probes(),
            s.verdict().text()
          });
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder(" ");
      for (int i = 0; i < row.length; i++) {
        line.append(' ').append(String.format("%-" + widths[i] + "s", row[i]));
        line.append(' ');
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.3f s", s);
  }
}
