package io.github.homelabha.launcher;

import io.github.homelabha.launcher.demo.DemoMain;
import java.util.Arrays;

/**
 * {@code java -jar ha-exporters.jar [--config.file=FILE] [EXPORTER [FLAGS]]...} runs several
 * exporters in one JVM; {@code java -jar ha-exporters.jar demo} shows the whole bundle working.
 */
public final class HaExportersMain {
  private HaExportersMain() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("demo")) {
      int code = DemoMain.run(Arrays.copyOfRange(args, 1, args.length));
      if (code != 0) {
        System.exit(code);
      }
      return; // the demo runs until Ctrl-C
    }
    try {
      Launcher.Outcome outcome = Launcher.start(args, System.getenv());
      if (outcome.bundle() == null) {
        System.out.print(outcome.output());
        System.exit(0);
      }
      RunningBundle bundle = outcome.bundle();
      Runtime.getRuntime().addShutdownHook(new Thread(bundle::close, "ha-exporters-shutdown"));
      // The HTTP threads keep the JVM alive from here on.
    } catch (LauncherArguments.BadArgumentsException e) {
      System.err.println("ha-exporters: " + e.getMessage());
      System.err.println("Run with --help for the usage.");
      System.exit(2);
    } catch (ExporterStartException e) {
      System.err.println("ha-exporters: " + e.getMessage());
      System.exit(e.exitCode());
    }
  }
}
