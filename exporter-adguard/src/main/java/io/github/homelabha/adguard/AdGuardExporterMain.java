package io.github.homelabha.adguard;

import io.github.homelabha.core.cli.ExporterMain;

/** {@code java -jar exporter-adguard.jar --config.file=FILE} or {@code --adguard.url=URL ...} */
public final class AdGuardExporterMain {
  private AdGuardExporterMain() {}

  public static void main(String[] args) {
    ExporterMain.run(new AdGuardExporter(), args);
  }
}
