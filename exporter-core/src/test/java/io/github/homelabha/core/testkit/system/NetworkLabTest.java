package io.github.homelabha.core.testkit.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RequiresRoot
@RequiresBinaries({"ip", "ping", "sleep"})
class NetworkLabTest {
  @TempDir Path tempDir;

  @Test
  void everyHostReachesEveryOtherUntilItsCableIsPulled() {
    try (NetworkLab lab = NetworkLab.create("tk")) {
      lab.addHost("n1", "192.0.2.11/24");
      lab.addHost("n2", "192.0.2.12/24");
      lab.addHost("n3", "192.0.2.13/24");

      for (String from : lab.hosts()) {
        for (String to : lab.hosts()) {
          if (!from.equals(to)) {
            assertThat(ping(lab, from, lab.address(to))).as(from + " -> " + to).isTrue();
          }
        }
      }

      lab.setLinkUp("n2", false);
      assertThat(ping(lab, "n1", lab.address("n2"))).isFalse();
      assertThat(ping(lab, "n1", lab.address("n3"))).isTrue();
      assertThat(lab.exec("n2", "ip", "link", "show", "eth0").stdout()).contains("NO-CARRIER");

      lab.setLinkUp("n2", true);
      await().atMost(Duration.ofSeconds(10)).until(() -> ping(lab, "n1", lab.address("n2")));
    }
  }

  @Test
  void hostsSeeOnlyTheirOwnInterfaces() {
    try (NetworkLab lab = NetworkLab.create("tk")) {
      String namespace = lab.addHost("solo", "198.51.100.7/24");

      assertThat(namespace).startsWith(lab.id() + "-");
      assertThat(lab.namespace("solo")).isEqualTo(namespace);
      ProcessResult links = lab.exec("solo", "ip", "-o", "link", "show");
      assertThat(links.stdout().lines()).hasSize(2).anyMatch(l -> l.contains(" lo:"));
      assertThat(links.stdout()).contains(" eth0@");
      assertThat(lab.exec("solo", "ip", "-o", "addr", "show", "dev", "eth0").stdout())
          .contains("198.51.100.7/24");
    }
  }

  @Test
  void closeStopsProcessesAndDeletesEveryNamespaceItCreated() {
    NetworkLab lab = NetworkLab.create("tk");
    lab.addHost("a", "203.0.113.1/24");
    lab.addHost("b", "203.0.113.2/24");
    ManagedProcess sleeper = lab.start("a", tempDir.resolve("sleep.log"), "sleep", "30");
    assertThat(namespaces()).contains(lab.namespace("a"), lab.namespace("b"), lab.id() + "-sw");

    lab.close();
    lab.close(); // idempotent

    assertThat(sleeper.isAlive()).isFalse();
    assertThat(namespaces()).noneMatch(name -> name.startsWith(lab.id()));
    assertThatThrownBy(() -> lab.addHost("c", "203.0.113.3/24"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void labsGetUniqueNamesAndValidateTheirInput() {
    try (NetworkLab first = NetworkLab.create("tk");
        NetworkLab second = NetworkLab.create("tk")) {
      assertThat(first.id()).isNotEqualTo(second.id());
      assertThatThrownBy(() -> first.addHost("Bad_Name", "192.0.2.1/24"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> first.addHost("ok", "192.0.2.1"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> first.exec("nobody", "true"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no host nobody");
    }
    assertThatThrownBy(() -> NetworkLab.create("way-too-long-prefix"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static boolean ping(NetworkLab lab, String from, String address) {
    return lab.exec(Duration.ofSeconds(5), from, "ping", "-c", "1", "-W", "1", address).succeeded();
  }

  private static List<String> namespaces() {
    // "name (id: 3)" lines; the name is the first word
    return Arrays.stream(Commands.run("ip", "netns", "list").stdout().split("\n"))
        .map(line -> line.split(" ")[0])
        .filter(name -> !name.isEmpty())
        .toList();
  }
}
