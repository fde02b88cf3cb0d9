package io.github.homelabha.core.testkit.upstream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The fault suite's results: fault x exporter -> pass, time to detect, time to recover. */
final class FaultMatrix {
  record Row(
      String exporter, UpstreamFault fault, String result, Duration detect, Duration recover) {}

  private final List<Row> rows = new ArrayList<>();

  synchronized void add(Row row) {
    rows.add(row);
  }

  synchronized String render() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%-10s %-58s %-40s %9s %10s%n",
            "exporter",
            "fault",
            "result",
            "detect",
            "recover"));
    for (Row r : rows) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-10s %-58s %-40s %9s %10s%n",
              r.exporter(),
              r.fault().description() + " -> " + r.fault().reason(),
              r.result(),
              seconds(r.detect()),
              seconds(r.recover())));
    }
    return sb.toString();
  }

  private static String seconds(Duration d) {
    return d == null ? "-" : String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
  }

  /** Prints the matrix and keeps a copy in {@code target/fault-matrix-<exporter>.txt}. */
  synchronized void publish(String exporter) {
    String text = render();
    System.out.println("Upstream fault matrix\n" + text);
    try {
      Path dir = Path.of("target");
      if (Files.isDirectory(dir)) {
        Files.writeString(dir.resolve("fault-matrix-" + exporter + ".txt"), text);
      }
    } catch (IOException e) {
      System.out.println("cannot write the fault matrix file: " + e.getMessage());
    }
  }
}
