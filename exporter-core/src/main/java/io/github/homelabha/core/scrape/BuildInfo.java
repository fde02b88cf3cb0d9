package io.github.homelabha.core.scrape;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Version and git revision of this build, from a resource the build writes. */
public record BuildInfo(String version, String revision, String javaVersion) {
  private static final String RESOURCE = "/META-INF/homelabha/build.properties";

  public static BuildInfo load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // A jar without the resource still runs; it just reports "unknown".
    }
    return new BuildInfo(
        clean(p.getProperty("version")),
        clean(p.getProperty("revision")),
        System.getProperty("java.version", "unknown"));
  }

  private static String clean(String v) {
    return v == null || v.isBlank() || v.startsWith("${") ? "unknown" : v.trim();
  }
}
