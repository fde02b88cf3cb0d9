package io.github.homelabha.drill.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.homelabha.core.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Path;

/** Writes the report for {@code --report.json}: snake_case keys, written atomically. */
public final class JsonReport {
  private static final ObjectMapper JSON =
      ConfigLoader.jsonMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  public static byte[] bytes(DrillReport report) {
    try {
      return JSON.writeValueAsBytes(report);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise the report", e);
    }
  }

  public static void write(Path file, DrillReport report) throws IOException {
    byte[] json = bytes(report);
    byte[] withNewline = new byte[json.length + 1];
    System.arraycopy(json, 0, withNewline, 0, json.length);
    withNewline[json.length] = '\n';
    TextfileWriter.write(file, withNewline);
  }
}
