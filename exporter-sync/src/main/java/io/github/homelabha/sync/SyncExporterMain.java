package io.github.homelabha.sync;

import io.github.homelabha.core.cli.ExporterMain;

/** {@code java -jar exporter-sync.jar --sync.pair=NAME:ROLE:PATH ...} */
public final class SyncExporterMain {
  private SyncExporterMain() {}

  public static void main(String[] args) {
    ExporterMain.run(new SyncExporter(), args);
  }
}
