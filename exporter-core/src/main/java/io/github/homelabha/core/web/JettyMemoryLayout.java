package io.github.homelabha.core.web;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Tells Jetty how many object references fit in a cache line before its thread pool asks.
 *
 * <p>Without the {@value #REFERENCES_PER_CACHE_LINE} system property, Jetty's {@code MemoryUtils}
 * finds out whether the JVM uses compressed oops by starting the platform MBean server and invoking
 * the HotSpot diagnostic MBean through it. Starting that server loads a couple of hundred JMX
 * classes and registers every platform MXBean, which costs about 2 MiB and 100 ms of CPU on a small
 * machine. The diagnostic MXBean itself, asked directly, gives the same answer without the server.
 */
final class JettyMemoryLayout {
  static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";
  private static final String CACHE_LINE_BYTES = "org.eclipse.jetty.util.cacheLineBytes";

  private JettyMemoryLayout() {}

  /** Sets the property the way Jetty would compute it, unless someone already set it. */
  static void describe() {
    if (System.getProperty(REFERENCES_PER_CACHE_LINE) != null) {
      return;
    }
    try {
      boolean compressedOops =
          Boolean.parseBoolean(
              ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                  .getVMOption("UseCompressedOops")
                  .getValue());
      int cacheLine = Integer.getInteger(CACHE_LINE_BYTES, 64);
      // Jetty's own rule: 4-byte references with compressed oops, 8-byte ones without.
      int references = cacheLine / (compressedOops ? 4 : 8);
      if (references >= 1) {
        System.setProperty(REFERENCES_PER_CACHE_LINE, Integer.toString(references));
      }
    } catch (RuntimeException e) {
      // Not HotSpot, or the option is unknown: Jetty then works it out itself, as before.
    }
  }
}
