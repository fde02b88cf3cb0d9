package io.github.homelabha.core.testkit.system.keepalived;

import io.github.homelabha.core.testkit.system.ManagedProcess;
import io.github.homelabha.core.testkit.system.NetworkLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One real keepalived on a {@link NetworkLab} host, for system tests: its own directory with the
 * configuration, pid files, dump directory (keepalived's {@code TMPDIR}, where it writes its dumps)
 * and notify FIFO, and a weighted track script {@value #TRACK_SCRIPT} that fails while the node's
 * {@code fail} file exists. What it runs is described by {@link KeepalivedConfig}.
 *
 * <pre>{@code
 * KeepalivedNode n1 = new KeepalivedNode(lab, "n1", dir.resolve("n1"));
 * n1.configure(KeepalivedConfig.of(150, -60).instance(KeepalivedConfig.Instance.of("VI_1", 51, "192.0.2.10/24")));
 * n1.start();
 * n1.failTrackScript(true); // the MASTER gives up the VIP
 * }</pre>
 */
public final class KeepalivedNode {

  /** The name of the track script every node has. */
  public static final String TRACK_SCRIPT = "chk_dns";

  private final NetworkLab lab;
  private final String host;
  private final Path dir;
  private final Path dumps;
  private ManagedProcess process;
  private int starts;

  /** A node of {@code host} keeping its files in {@code dir} (created). */
  public KeepalivedNode(NetworkLab lab, String host, Path dir) throws IOException {
    this.lab = lab;
    this.host = host;
    this.dir = Files.createDirectories(dir);
    this.dumps = Files.createDirectories(dir.resolve("tmp"));
  }

  public String host() {
    return host;
  }

  public Path dir() {
    return dir;
  }

  /** Where keepalived writes its data, stats and JSON dumps. */
  public Path dumps() {
    return dumps;
  }

  public Path pidFile() {
    return dir.resolve("keepalived.pid");
  }

  public Path notifyFifo() {
    return dir.resolve("notify.fifo");
  }

  /** Writes the configuration the next {@link #start()} (or a SIGHUP) reads. */
  public void configure(KeepalivedConfig config) throws IOException {
    Files.writeString(
        dir.resolve("keepalived.conf"),
        config.render(host, notifyFifo(), dir.resolve("fail"), lab::address));
  }

  /** Starts keepalived in the foreground in the host's namespace; the lab stops it at the end. */
  public void start() {
    starts++;
    process =
        lab.start(
            host,
            dir.resolve("keepalived-" + starts + ".log"),
            "env",
            "TMPDIR=" + dumps,
            "keepalived",
            "-n",
            "-l",
            "-D",
            "-f",
            dir.resolve("keepalived.conf").toString(),
            "-p",
            pidFile().toString(),
            "-r",
            dir.resolve("vrrp.pid").toString(),
            "-c",
            dir.resolve("checkers.pid").toString());
  }

  /** SIGTERM, as {@code systemctl stop keepalived} does. */
  public void stop() {
    process.stop(Duration.ofSeconds(5));
  }

  public ManagedProcess process() {
    return process;
  }

  /** The log of the latest start, empty before the first. */
  public String log() {
    return process == null ? "" : process.logText();
  }

  /** Makes the track script fail ({@code true}) or pass again ({@code false}). */
  public void failTrackScript(boolean fail) throws IOException {
    if (fail) {
      Files.writeString(dir.resolve("fail"), "");
    } else {
      Files.deleteIfExists(dir.resolve("fail"));
    }
  }

  /** The keepalived exporter's flags for this node, without --keepalived.netns. */
  public String[] exporterArgsFindingNetns() {
    return new String[] {
      "--keepalived.pid-file=" + pidFile(),
      "--keepalived.dump-dir=" + dumps,
      "--keepalived.notify-fifo=" + notifyFifo()
    };
  }

  /** The keepalived exporter's flags for this node. */
  public String[] exporterArgs() {
    List<String> args = new ArrayList<>(List.of(exporterArgsFindingNetns()));
    args.add("--keepalived.netns=" + lab.namespace(host));
    return args.toArray(String[]::new);
  }
}
