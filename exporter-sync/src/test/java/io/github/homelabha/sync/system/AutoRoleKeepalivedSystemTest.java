package io.github.homelabha.sync.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.RunningExporter;
import io.github.homelabha.core.testkit.system.ManagedProcess;
import io.github.homelabha.core.testkit.system.NetworkLab;
import io.github.homelabha.core.testkit.system.RequiresBinaries;
import io.github.homelabha.core.testkit.system.RequiresRoot;
import io.github.homelabha.sync.SyncExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Role auto with a real keepalived pair in network namespaces: the node holding the VIP writes the
 * canary, and after a failover the other node does, continuing the sequence. Both exporters watch
 * one shared directory, standing in for an instantly replicated one.
 */
@RequiresRoot
@RequiresBinaries({"keepalived", "ip"})
class AutoRoleKeepalivedSystemTest {
  private static final String VIP = "192.0.2.100";

  @TempDir Path work;

  private Path keepalivedConfig(String host, int priority) throws Exception {
    Path dir = Files.createDirectories(work.resolve(host));
    Path conf = dir.resolve("keepalived.conf");
    Files.writeString(
        conf,
        "global_defs {\n  router_id sync_"
            + host
            + "\n  enable_script_security\n}\n"
            + "vrrp_instance VI_SYNC {\n  state BACKUP\n  interface eth0\n  virtual_router_id 61\n"
            + "  priority "
            + priority
            + "\n  advert_int 1\n  virtual_ipaddress {\n    "
            + VIP
            + "/24\n  }\n}\n");
    return conf;
  }

  private String[] keepalived(String host, Path conf) {
    Path dir = conf.getParent();
    return new String[] {
      "keepalived",
      "-n",
      "-l",
      "-D",
      "-P",
      "-f",
      conf.toString(),
      "-p",
      dir.resolve("keepalived.pid").toString(),
      "-r",
      dir.resolve("vrrp.pid").toString(),
    };
  }

  private RunningExporter exporter(String host, String namespace, Path shared) throws Exception {
    Path config = work.resolve(host + "-sync.yml");
    Files.writeString(config, "canary:\n  writer: " + host + "\n");
    return RunningExporter.start(
        new SyncExporter(),
        "--config.file=" + config,
        "--sync.pair=data:auto:" + shared,
        "--role.vip=" + VIP,
        "--role.netns=" + namespace,
        "--canary.interval=500ms");
  }

  private static ParsedMetrics scrape(RunningExporter e) throws Exception {
    return e.scrape();
  }

  @Test
  void theVipHolderWritesTheCanaryAndTheRoleFollowsAFailover() throws Exception {
    Path shared = Files.createDirectories(work.resolve("shared"));
    try (NetworkLab lab = NetworkLab.create("sync")) {
      String ns1 = lab.addHost("n1", "192.0.2.11/24");
      String ns2 = lab.addHost("n2", "192.0.2.12/24");
      ManagedProcess k1 =
          lab.start("n1", work.resolve("n1.log"), keepalived("n1", keepalivedConfig("n1", 150)));
      lab.start("n2", work.resolve("n2.log"), keepalived("n2", keepalivedConfig("n2", 100)));
      try (RunningExporter e1 = exporter("n1", ns1, shared);
          RunningExporter e2 = exporter("n2", ns2, shared)) {
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(
                () -> {
                  ParsedMetrics s1 = scrape(e1);
                  ParsedMetrics s2 = scrape(e2);
                  assertThat(
                          s1.valueOf("sync_pair_info", "role", "source", "configured_role", "auto"))
                      .isEqualTo(1);
                  assertThat(s2.valueOf("sync_pair_info", "role", "replica")).isEqualTo(1);
                  assertThat(s2.valueOf("sync_canary_writer_info", "writer", "n1")).isEqualTo(1);
                  assertThat(s2.valueOf("sync_lag_seconds", "pair", "data")).isBetween(-1.0, 3.0);
                });
        double sequenceBefore = scrape(e1).valueOf("sync_canary_sequence", "pair", "data");

        k1.stop(Duration.ofSeconds(5)); // n1's keepalived goes away, n2 takes the VIP
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(
                () -> {
                  ParsedMetrics s1 = scrape(e1);
                  ParsedMetrics s2 = scrape(e2);
                  assertThat(s2.valueOf("sync_pair_info", "role", "source")).isEqualTo(1);
                  assertThat(s1.valueOf("sync_pair_info", "role", "replica")).isEqualTo(1);
                  assertThat(s1.valueOf("sync_canary_writer_info", "writer", "n2")).isEqualTo(1);
                  assertThat(s2.valueOf("sync_canary_sequence", "pair", "data"))
                      .isGreaterThan(sequenceBefore);
                  assertThat(s1.valueOf("sync_lag_seconds", "pair", "data")).isBetween(-1.0, 3.0);
                });
      }
    }
  }
}
