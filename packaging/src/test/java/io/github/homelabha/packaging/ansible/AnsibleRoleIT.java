package io.github.homelabha.packaging.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.homelabha.core.testkit.system.Commands;
import io.github.homelabha.core.testkit.system.ProcessResult;
import io.github.homelabha.core.testkit.system.RequiresBinaries;
import io.github.homelabha.core.testkit.system.RequiresRoot;
import io.github.homelabha.packaging.BuiltPackages;
import io.github.homelabha.packaging.RootOverlay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs {@code deploy/ansible/site.yml} against this machine ({@code connection: local}) as one node
 * of a pair that is also its monitoring host, with the freshly built .deb files, at the roles'
 * default paths: in overlays of this machine's root ({@link RootOverlay}), so everything the roles
 * and the packages write vanishes afterwards, whatever happens to the test, and a copy of the
 * packages installed on the machine is never touched. Checks what the roles wrote with the programs
 * that read it, then runs the playbook again: it must change nothing. systemd is not PID 1 here, so
 * the roles' handlers skip every restart and reload.
 */
@RequiresRoot
@RequiresBinaries({
  "ansible-playbook",
  "ansible-vault",
  "env",
  "dpkg",
  "dpkg-query",
  "stat",
  "unshare",
  "nsenter",
  "runuser",
  "systemd-analyze",
  "promtool",
  "amtool"
})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnsibleRoleIT {
  private static final Duration PLAYBOOK_TIMEOUT = Duration.ofSeconds(300);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);
  private static final String SERVICE_GROUP = "ha-exporters";
  private static final String ADGUARD_PASSWORD = "adguard-secret-Qx41";
  private static final String UNIFI_API_KEY = "unifi-key-Wz42";
  private static final String BOT_TOKEN = "123456:telegram-token-Vb43";
  private static final List<String> SECRETS = List.of(ADGUARD_PASSWORD, UNIFI_API_KEY, BOT_TOKEN);
  private static final YAMLMapper YAML = new YAMLMapper();

  private Path work;

  private RootOverlay root;
  private Path inventory;
  private Path vars;
  private Path vaultPassword;
  private AnsibleRun firstRun;

  @BeforeAll
  void runThePlaybookOnce() throws IOException {
    work = Files.createTempDirectory("ansible-role-it-");
    root = RootOverlay.start(Files.createDirectories(work.resolve("overlay")));
    for (String name : List.of(BuiltPackages.EXPORTERS, BuiltPackages.MONITORING)) {
      if (isInstalled(name)) {
        root.runOrThrow(COMMAND_TIMEOUT, "dpkg", "--purge", name); // inside the overlay only
      }
    }
    writeInventoryAndVariables();
    firstRun = playbook();
  }

  @AfterAll
  void leaveTheMachineAsItWas() throws IOException {
    if (root != null) {
      root.close(); // the packages, the users and every file written vanish with the overlays
    }
    if (work != null) {
      try (Stream<Path> paths = Files.walk(work)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  @Test
  @Order(1)
  void firstRunInstallsAndConfigures() {
    assertThat(firstRun.exitCode()).as(firstRun.output()).isZero();
    assertThat(firstRun.failed()).isZero();
    assertThat(firstRun.changed()).isPositive();
    assertThat(isInstalled(BuiltPackages.EXPORTERS)).isTrue();
    assertThat(isInstalled(BuiltPackages.MONITORING)).isTrue();
  }

  @Test
  @Order(2)
  void exporterConfigurationHoldsTheSectionsAndPassesTheCheckAsTheServiceUser() throws IOException {
    Path config = root.path("/etc/ha-exporters/ha-exporters.yml");
    JsonNode sections = YAML.readTree(config.toFile());
    assertThat(sections.fieldNames())
        .toIterable()
        .containsExactly("keepalived", "sync", "adguard", "unifi");
    assertThat(sections.at("/adguard/instances/0/password_file").asText())
        .isEqualTo("/etc/ha-exporters/secrets/adguard-password");
    assertOwnerGroupMode(config, "root", SERVICE_GROUP, "-rw-r-----");

    // as the unit runs it: proves the service user can read the configuration and the secrets
    ProcessResult check =
        root.run(
            COMMAND_TIMEOUT,
            "runuser",
            "-u",
            "ha-exporters",
            "--",
            "/usr/bin/ha-exporters",
            "--config.check",
            "--config.file=/etc/ha-exporters/ha-exporters.yml");
    assertThat(check.exitCode()).as("%s%n%s", check.stdout(), check.stderr()).isZero();
  }

  @Test
  @Order(3)
  void secretsAreFilesOnlyTheServiceGroupCanRead() throws IOException {
    assertOwnerGroupMode(
        root.path("/etc/ha-exporters/secrets"), "root", SERVICE_GROUP, "drwxr-x---");
    Path password = root.path("/etc/ha-exporters/secrets/adguard-password");
    Path apiKey = root.path("/etc/ha-exporters/secrets/unifi-api-key");
    assertOwnerGroupMode(password, "root", SERVICE_GROUP, "-rw-r-----");
    assertOwnerGroupMode(apiKey, "root", SERVICE_GROUP, "-rw-r-----");
    assertThat(Files.readString(password)).isEqualTo(ADGUARD_PASSWORD + "\n");
    assertThat(Files.readString(apiKey)).isEqualTo(UNIFI_API_KEY);

    // nowhere else: not in the configuration, the unit's flags, the drop-in or Ansible's output
    List<String> elsewhere = new ArrayList<>();
    for (String path :
        List.of(
            "/etc/ha-exporters/ha-exporters.yml",
            "/etc/default/ha-exporters",
            "/etc/systemd/system/ha-exporters.service.d/ansible.conf")) {
      elsewhere.add(Files.readString(root.path(path)));
    }
    elsewhere.add(firstRun.output());
    for (String text : elsewhere) {
      assertThat(text).doesNotContain(SECRETS.toArray(String[]::new));
    }
  }

  @Test
  @Order(4)
  void systemdDropInsOpenTheSyncDirectoryAndKeepalivedsDumps() throws IOException {
    assertThat(
            Files.readString(root.path("/etc/systemd/system/ha-exporters.service.d/ansible.conf")))
        .contains("ReadWritePaths=/var/lib/prometheus")
        .doesNotContain("CapabilityBoundingSet="); // the node runs the keepalived exporter
    // the unit with the role's drop-in (systemd reads /etc/systemd/system/NAME.service.d/)
    ProcessResult verify =
        root.run(
            COMMAND_TIMEOUT,
            "systemd-analyze",
            "verify",
            "--man=no",
            "/lib/systemd/system/ha-exporters.service");
    assertThat(verify.exitCode()).as(verify.stderr()).isZero();
    assertThat(verify.stderr()).isBlank();
    assertThat(root.path("/etc/systemd/system/keepalived.service.d/ha-exporters.conf"))
        .hasSameTextualContentAs(
            root.path("/usr/share/ha-exporters/keepalived.service.d/ha-exporters.conf"));
  }

  @Test
  @Order(5)
  void prometheusConfigurationPassesPromtoolAndLabelsEveryTarget() throws IOException {
    ProcessResult check =
        root.run(COMMAND_TIMEOUT, "promtool", "check", "config", "/etc/prometheus/prometheus.yml");
    assertThat(check.exitCode()).as("%s%n%s", check.stdout(), check.stderr()).isZero();
    // the rules of the monitoring package are loaded
    assertThat(check.stdout()).containsPattern("SUCCESS: [1-9][0-9]* rules found");

    JsonNode prometheus = YAML.readTree(root.path("/etc/prometheus/prometheus.yml").toFile());
    assertThat(prometheus.get("scrape_configs").findValuesAsText("job_name"))
        .containsExactly(
            "keepalived", "sync", "adguard", "unifi", "prometheus", "alertmanager", "node");

    Path targets = root.path("/etc/prometheus/file_sd/homelab-ha");
    for (String job : List.of("keepalived", "sync", "adguard", "unifi")) {
      JsonNode groups = YAML.readTree(targets.resolve(job + ".yml").toFile());
      assertThat(groups).as(job).hasSize(1);
      assertThat(groups.at("/0/labels/cluster").asText()).as(job).isEqualTo("ci-pair");
      assertThat(groups.at("/0/labels/node").asText()).as(job).isEqualTo("ci-node");
    }
    assertThat(
            YAML.readTree(targets.resolve("keepalived.yml").toFile()).at("/0/targets/0").asText())
        .isEqualTo("127.0.0.1:9165");
    assertThat(
            YAML.readTree(targets.resolve("alertmanager.yml").toFile()).at("/0/targets/0").asText())
        .isEqualTo("127.0.0.1:9093");
  }

  @Test
  @Order(6)
  void alertmanagerConfigurationPassesTheChecksAndKeepsTheTokenPrivate() throws IOException {
    ProcessResult check =
        root.run(
            COMMAND_TIMEOUT,
            "sh",
            "/usr/share/ha-exporters-monitoring/examples/alertmanager/check-alertmanager-config.sh",
            "/etc/prometheus/alertmanager.yml");
    assertThat(check.exitCode()).as("%s%n%s", check.stdout(), check.stderr()).isZero();
    assertThat(check.stdout()).contains("SUCCESS", "homelabha.telegram.message defined");

    Path config = root.path("/etc/prometheus/alertmanager.yml");
    // Debian 12's Alertmanager 0.25 takes the token only inline: the file is the secret then
    assertOwnerGroupMode(config, "root", "prometheus", "-rw-r-----");
    JsonNode receivers = YAML.readTree(config.toFile()).get("receivers");
    assertThat(receivers.findValuesAsText("bot_token")).containsOnly(BOT_TOKEN).hasSize(2);
    assertThat(receivers.findValuesAsText("url")).containsExactly("http://127.0.0.1:9/ping");
  }

  @Test
  @Order(7)
  void secondRunChangesNothing() {
    AnsibleRun second = playbook();

    assertThat(second.exitCode()).as(second.output()).isZero();
    assertThat(second.changed())
        .as("changed on the second run: %s%n%s", second.changedTasks(), second.output())
        .isZero();
    assertThat(second.output()).doesNotContain(SECRETS.toArray(String[]::new));
  }

  private AnsibleRun playbook() {
    Path home = work.resolve("ansible-home");
    List<String> command =
        AnsibleDirectory.command(
            home,
            List.of(
                "ansible-playbook",
                "-i",
                inventory.toString(),
                "-e",
                "@" + vars,
                "--vault-password-file",
                vaultPassword.toString(),
                "site.yml"));
    ProcessResult result = Commands.run(PLAYBOOK_TIMEOUT, root.inside(command));
    return AnsibleRun.of(result.exitCode(), result.stdout() + result.stderr());
  }

  /** localhost as node ci-node of pair ci-pair and as its monitoring host. */
  private void writeInventoryAndVariables() throws IOException {
    inventory =
        Files.writeString(
            work.resolve("inventory.yml"),
            """
            all:
              hosts:
                localhost:
                  ansible_connection: local
                  ansible_python_interpreter: /usr/bin/python3
              children:
                ha_nodes:
                  hosts:
                    localhost:
                      ha_exporters_cluster: ci-pair
                      ha_exporters_node: ci-node
                      ha_exporters_address: 127.0.0.1
                monitoring:
                  hosts:
                    localhost:
            """);
    Path adguardPassword =
        Files.writeString(work.resolve("adguard-password"), ADGUARD_PASSWORD + "\n");
    vaultPassword = Files.writeString(work.resolve("vault-password"), "ci-vault-password\n");
    Files.setPosixFilePermissions(vaultPassword, PosixFilePermissions.fromString("rw-------"));
    // the bot token as a vault-encrypted file on the controller
    Path botToken = Files.writeString(work.resolve("telegram-bot-token"), BOT_TOKEN + "\n");
    List<String> encrypt =
        AnsibleDirectory.command(
            work.resolve("ansible-home"),
            List.of(
                "ansible-vault",
                "encrypt",
                "--vault-password-file",
                vaultPassword.toString(),
                botToken.toString()));
    Commands.run(COMMAND_TIMEOUT, encrypt).orThrow(encrypt);
    assertThat(Files.readString(botToken)).startsWith("$ANSIBLE_VAULT").doesNotContain(BOT_TOKEN);

    vars =
        Files.writeString(
            work.resolve("vars.yml"),
            """
            ha_exporters_deb_file: %s
            ha_exporters_monitoring_deb_file: %s
            # Debian's prometheus and prometheus-alertmanager are installed on the test machine
            ha_exporters_monitoring_install_servers: false
            ha_exporters_keepalived_dropin: true
            ha_exporters_config:
              keepalived:
                keepalived:
                  notify_fifo: /run/keepalived/notify.fifo
              sync:
                pairs:
                  - {name: prometheus, role: auto, path: /var/lib/prometheus}
                role:
                  vip: 192.0.2.10
              adguard:
                instances:
                  - name: ci-node
                    url: http://127.0.0.1:3000
                    username: prometheus
                    password_file: /etc/ha-exporters/secrets/adguard-password
              unifi:
                controllers:
                  - name: home
                    url: https://127.0.0.1:8443
                    api_key_file: /etc/ha-exporters/secrets/unifi-api-key
            ha_exporters_secrets:
              - name: adguard-password
                src: %s
              - name: unifi-api-key
                content: %s
            ha_exporters_monitoring_telegram_chat_id: "-1001234567890"
            ha_exporters_monitoring_telegram_bot_token_src: %s
            ha_exporters_monitoring_deadmansswitch_url: http://127.0.0.1:9/ping
            ha_exporters_monitoring_extra_scrape_configs:
              - job_name: node
                static_configs:
                  - targets: ["127.0.0.1:9100"]
                    labels: {cluster: ci-pair, node: ci-node}
            """
                .formatted(
                    BuiltPackages.deb(BuiltPackages.EXPORTERS),
                    BuiltPackages.deb(BuiltPackages.MONITORING),
                    adguardPassword,
                    UNIFI_API_KEY,
                    botToken));
  }

  /** Through {@code stat} inside: the service user and group exist only in the overlays. */
  private void assertOwnerGroupMode(Path path, String owner, String group, String mode) {
    String inside = path.toString().replaceFirst("^/proc/[0-9]+/root", "");
    ProcessResult stat = root.runOrThrow(COMMAND_TIMEOUT, "stat", "-c", "%U %G %A", inside);
    assertThat(stat.stdout().strip())
        .as("owner, group, mode of %s", inside)
        .isEqualTo(owner + " " + group + " " + mode);
  }

  private boolean isInstalled(String name) {
    ProcessResult status = root.run(COMMAND_TIMEOUT, "dpkg-query", "-W", "-f=${Status}", name);
    return status.succeeded() && status.stdout().equals("install ok installed");
  }
}
