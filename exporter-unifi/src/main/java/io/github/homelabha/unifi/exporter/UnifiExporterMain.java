package io.github.homelabha.unifi.exporter;

import io.github.homelabha.core.cli.ExporterMain;

/**
 * {@code java -jar exporter-unifi.jar --unifi.url=URL --unifi.username=U --unifi.password-file=F}
 */
public final class UnifiExporterMain {
  private UnifiExporterMain() {}

  public static void main(String[] args) {
    ExporterMain.run(new UnifiExporter(), args);
  }
}
