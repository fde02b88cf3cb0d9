package io.github.homelabha.keepalived;

import io.github.homelabha.core.cli.ExporterMain;

/** {@code java -jar exporter-keepalived.jar --help}. */
public final class KeepalivedExporterMain {
  private KeepalivedExporterMain() {}

  public static void main(String[] args) {
    ExporterMain.run(new KeepalivedExporter(), args);
  }
}
