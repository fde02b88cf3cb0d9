package io.github.homelabha.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.core.api.MetricFamily;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Golden-file tests of an exporter's mapping: what a collector wrote for a recorded upstream
 * answer, one line per series, compared with a file under {@code src/test/resources/golden/}. A
 * change to a metric name, label or value shows up as a diff of that file; after an intended
 * change, regenerate the files with {@code -Dgolden.update=true} and review the diff.
 */
public final class GoldenExposition {
  private GoldenExposition() {}

  /**
   * One line per series, {@code name{label="value",...} value}: families in {@code catalog} order
   * (the exporter's declaration), series in the order written.
   */
  public static String render(RecordingWriter out, List<MetricFamily> catalog) {
    StringBuilder s = new StringBuilder();
    for (RecordingWriter.Sample sample :
        out.all().stream()
            .sorted(Comparator.comparingInt(x -> catalog.indexOf(x.family())))
            .toList()) {
      MetricFamily f = sample.family();
      List<String> pairs = new ArrayList<>();
      for (int i = 0; i < sample.labels().size(); i++) {
        pairs.add(f.labelNames().get(i) + "=\"" + sample.labels().get(i) + "\"");
      }
      s.append(f.name())
          .append(pairs.isEmpty() ? "" : "{" + String.join(",", pairs) + "}")
          .append(' ')
          .append(sample.value())
          .append('\n');
    }
    return s.toString();
  }

  /**
   * Asserts that {@code actual} is the content of {@code golden}; with {@code -Dgolden.update=true}
   * the file is written first.
   */
  public static void assertMatches(Path golden, String actual) throws IOException {
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual);
    }
    assertThat(golden).as("golden file (create it with -Dgolden.update=true)").exists();
    assertThat(actual).as("exposition against %s", golden).isEqualTo(Files.readString(golden));
  }
}
