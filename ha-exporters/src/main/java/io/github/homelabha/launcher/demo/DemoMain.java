package io.github.homelabha.launcher.demo;

import io.github.homelabha.launcher.ExporterStartException;

/** {@code ha-exporters demo}: starts the demo and leaves it running until Ctrl-C. */
public final class DemoMain {
  private DemoMain() {}

  /**
   * Starts the demo and returns 0 while it keeps running (its HTTP threads keep the JVM alive; a
   * shutdown hook cleans up), or prints why it cannot start and returns the exit code.
   */
  public static int run(String[] args) {
    DemoOptions options;
    try {
      if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
        System.out.print(DemoOptions.USAGE);
        return 0;
      }
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("ha-exporters demo: " + e.getMessage());
      System.err.print(DemoOptions.USAGE);
      return 2;
    }
    Demo demo;
    try {
      demo = Demo.prepare(options);
      // Before anything starts: Ctrl-C during start-up cleans up too.
      Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "demo-cleanup"));
      demo.start();
    } catch (ExporterStartException e) {
      System.err.println("ha-exporters demo: " + e.getMessage());
      return 1;
    } catch (Exception e) {
      System.err.println("ha-exporters demo: cannot start: " + e);
      return 1;
    }
    System.out.print(demo.summary());
    return 0;
  }
}
