package io.github.homelabha.dashboards.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.homelabha.core.testkit.PortAllocator;
import io.github.homelabha.core.testkit.system.ManagedProcess;
import io.github.homelabha.dashboards.generate.RuleRenderer;
import io.github.homelabha.dashboards.support.Bundle;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The monitoring half of a cluster, for system tests: a real Prometheus (2 s scrape, 1 s rule
 * evaluation) loaded with our rules, a real Alertmanager running our example configuration and
 * Telegram template, and a fake Telegram Bot API recording what would reach the phone. Everything
 * listens on 127.0.0.1 and keeps its state under the test's directory.
 */
final class MonitoringStack implements AutoCloseable {

  /** One scrape target with the labels a user's scrape config must set. */
  record ScrapeTarget(String job, String address, String cluster, String node) {}

  /** Shorter for-durations so the test takes seconds; the expressions are the shipped ones. */
  static final Map<String, String> FAST_RULES =
      Map.of(
          "failover_settle_for", "3s",
          "failover_keep_firing_for", "10s",
          "keepalived_down_for", "2s",
          "track_script_failing_for", "2s",
          "priority_degraded_for", "2s",
          "exporter_down_for", "5s",
          "node_down_keep_firing_for", "5s");

  /** Labels of Prometheus' and Alertmanager's own scrape targets. */
  static final String MONITORING_CLUSTER = "home";

  static final String MONITORING_NODE = "mon";

  static final String BOT_TOKEN = "4242:test-token";
  static final long CHAT_ID = -1001234567890L;
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Duration STARTUP = Duration.ofSeconds(30);

  /**
   * Gossip peer timeout of clustered Alertmanagers: the second peer waits this long per position
   * before sending what the first has not (15 s by default; shorter here to keep the test quick,
   * yet long enough for the first peer's notification log to arrive by gossip on a busy machine).
   */
  private static final String PEER_TIMEOUT = "5s";

  private final FakeTelegramBotApi telegram;
  private final List<ManagedProcess> processes = new ArrayList<>();
  private final List<ManagedProcess> alertmanagers = new ArrayList<>();
  private final List<String> alertmanagerUrls = new ArrayList<>();
  private final String prometheusUrl;
  private final Path work;
  private ManagedProcess prometheus;
  private Path prometheusConfig;
  private Path alertmanagerConfig;

  private MonitoringStack(
      Path work,
      List<ScrapeTarget> targets,
      Map<String, String> ruleOverrides,
      int alertmanagerCount,
      List<ObjectNode> extraJobs)
      throws IOException, InterruptedException {
    this.work = Files.createDirectories(work);
    telegram = new FakeTelegramBotApi();
    try {
      alertmanagerConfig = writeAlertmanagerConfig(work);
      List<Integer> webPorts = new ArrayList<>();
      List<Integer> gossipPorts = new ArrayList<>();
      for (int i = 0; i < alertmanagerCount; i++) {
        webPorts.add(PortAllocator.freeLoopbackPort());
        gossipPorts.add(PortAllocator.freeLoopbackPort());
      }
      for (int i = 0; i < alertmanagerCount; i++) {
        List<String> command = new ArrayList<>();
        command.add("prometheus-alertmanager");
        command.add("--config.file=" + alertmanagerConfig);
        command.add(
            "--storage.path=" + Files.createDirectories(work.resolve("alertmanager-data-" + i)));
        command.add("--web.listen-address=127.0.0.1:" + webPorts.get(i));
        if (alertmanagerCount == 1) {
          command.add("--cluster.listen-address="); // no gossip port: self-contained
        } else {
          // as on two nodes: each peer lists the others (see the README)
          command.add("--cluster.listen-address=127.0.0.1:" + gossipPorts.get(i));
          command.add("--cluster.advertise-address=127.0.0.1:" + gossipPorts.get(i));
          command.add("--cluster.peer-timeout=" + PEER_TIMEOUT);
          for (int peer = 0; peer < alertmanagerCount; peer++) {
            if (peer != i) {
              command.add("--cluster.peer=127.0.0.1:" + gossipPorts.get(peer));
            }
          }
        }
        ManagedProcess alertmanager =
            ManagedProcess.start(command, work.resolve("alertmanager-" + i + ".log"));
        processes.add(alertmanager);
        alertmanagers.add(alertmanager);
        alertmanagerUrls.add("http://127.0.0.1:" + webPorts.get(i));
      }
      for (int i = 0; i < alertmanagerCount; i++) {
        HttpProbe.awaitReady(
            alertmanagerUrls.get(i) + "/-/ready", STARTUP, alertmanagers.get(i).logText());
      }

      int prometheusPort = PortAllocator.freeLoopbackPort();
      prometheusUrl = "http://127.0.0.1:" + prometheusPort;
      prometheusConfig =
          writePrometheusConfig(work, targets, ruleOverrides, webPorts, prometheusPort, extraJobs);
      prometheus =
          ManagedProcess.start(
              List.of(
                  "prometheus",
                  "--config.file=" + prometheusConfig,
                  "--storage.tsdb.path=" + Files.createDirectories(work.resolve("prometheus-data")),
                  "--web.listen-address=127.0.0.1:" + prometheusPort,
                  // alerts fired before the notifier found the Alertmanager (the Watchdog, at the
                  // first evaluation) are resent after this delay, 1m by default
                  "--rules.alert.resend-delay=2s"),
              work.resolve("prometheus.log"));
      processes.add(prometheus);
      HttpProbe.awaitReady(prometheusUrl + "/-/ready", STARTUP, prometheus.logText());
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  /** Prometheus and one self-contained Alertmanager. */
  static MonitoringStack start(
      Path work, List<ScrapeTarget> targets, Map<String, String> ruleOverrides)
      throws IOException, InterruptedException {
    return new MonitoringStack(work, targets, ruleOverrides, 1, List.of());
  }

  /**
   * Prometheus and one self-contained Alertmanager, with more scrape jobs written as they are (e.g.
   * the example's blackbox jobs).
   */
  static MonitoringStack start(
      Path work,
      List<ScrapeTarget> targets,
      Map<String, String> ruleOverrides,
      List<ObjectNode> extraJobs)
      throws IOException, InterruptedException {
    return new MonitoringStack(work, targets, ruleOverrides, 1, extraJobs);
  }

  /** Prometheus sending to {@code count} Alertmanagers clustered by gossip, as on several nodes. */
  static MonitoringStack startClustered(
      Path work, List<ScrapeTarget> targets, Map<String, String> ruleOverrides, int count)
      throws IOException, InterruptedException {
    return new MonitoringStack(work, targets, ruleOverrides, count, List.of());
  }

  /** Waits (bounded) until every Alertmanager reports a settled cluster of all peers. */
  void awaitAlertmanagerCluster(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      boolean ready = true;
      for (String url : alertmanagerUrls) {
        try {
          JsonNode cluster =
              new ObjectMapper().readTree(HttpProbe.get(url + "/api/v2/status")).path("cluster");
          ready &=
              "ready".equals(cluster.path("status").asText())
                  && cluster.path("peers").size() == alertmanagerUrls.size();
        } catch (IOException e) {
          ready = false;
        }
      }
      if (ready) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "Alertmanager cluster did not settle within " + timeout + "\n" + logs());
  }

  /** Stops one Alertmanager, as when the node running it dies. */
  void stopAlertmanager(int index) {
    alertmanagers.get(index).stop(Duration.ofSeconds(5));
  }

  /** The Prometheus configuration file as written at start, to change and reload. */
  ObjectNode prometheusConfig() throws IOException {
    return (ObjectNode) YAML.readTree(prometheusConfig.toFile());
  }

  /** The directory Prometheus loads {@code *.rules.yml} from (at start and on reload). */
  Path rulesDirectory() {
    return work.resolve("rules");
  }

  /**
   * Replaces Prometheus' configuration file and reloads it with SIGHUP, as {@code systemctl reload
   * prometheus} does; the rule files are read again too.
   */
  void reloadPrometheus(String configText) throws IOException {
    Files.writeString(prometheusConfig, configText);
    prometheus.signal("HUP");
  }

  static String yaml(JsonNode config) throws IOException {
    return YAML.writeValueAsString(config);
  }

  /** The (first) Alertmanager's configuration file as written at start. */
  String alertmanagerConfigText() throws IOException {
    return Files.readString(alertmanagerConfig);
  }

  /** Replaces the Alertmanagers' configuration file and reloads them with SIGHUP. */
  void reloadAlertmanagers(String configText) throws IOException {
    Files.writeString(alertmanagerConfig, configText);
    for (ManagedProcess alertmanager : alertmanagers) {
      alertmanager.signal("HUP");
    }
  }

  FakeTelegramBotApi telegram() {
    return telegram;
  }

  String prometheusUrl() {
    return prometheusUrl;
  }

  /** Logs of Prometheus and Alertmanager, for failure messages. */
  String logs() {
    StringBuilder out = new StringBuilder();
    for (ManagedProcess process : processes) {
      out.append("==== ").append(process.command().get(0)).append('\n').append(process.logText());
    }
    return out.toString();
  }

  /** The result of an instant query; fails when Prometheus rejects the query. */
  List<JsonNode> query(String query) throws IOException, InterruptedException {
    JsonNode response =
        new ObjectMapper()
            .readTree(
                HttpProbe.get(
                    prometheusUrl
                        + "/api/v1/query?query="
                        + URLEncoder.encode(query, StandardCharsets.UTF_8)));
    List<JsonNode> result = new ArrayList<>();
    response.path("data").path("result").forEach(result::add);
    return result;
  }

  /** Polls an instant query until it returns at least one series (bounded). */
  void awaitSeries(String query, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        JsonNode result =
            new ObjectMapper()
                .readTree(
                    HttpProbe.get(
                        prometheusUrl
                            + "/api/v1/query?query="
                            + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .path("data")
                .path("result");
        if (result.size() > 0) {
          return;
        }
      } catch (IOException e) {
        // not ready yet; retried until the deadline
      }
      Thread.sleep(250);
    }
    throw new AssertionError("Prometheus never returned a series for " + query + "\n" + logs());
  }

  /** One alert as Prometheus shows it (pending or firing). */
  record PrometheusAlert(String name, String state, Map<String, String> labels) {}

  /** Prometheus' current alerts, pending and firing. */
  List<PrometheusAlert> alerts() throws IOException, InterruptedException {
    List<PrometheusAlert> alerts = new ArrayList<>();
    JsonNode json = new ObjectMapper().readTree(HttpProbe.get(prometheusUrl + "/api/v1/alerts"));
    for (JsonNode alert : json.path("data").path("alerts")) {
      Map<String, String> labels = new java.util.TreeMap<>();
      alert
          .path("labels")
          .fields()
          .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      alerts.add(
          new PrometheusAlert(labels.get("alertname"), alert.path("state").asText(), labels));
    }
    return alerts;
  }

  /**
   * Waits (bounded) until Prometheus has alert {@code name} pending or firing with the given label
   * pairs, and returns it.
   */
  PrometheusAlert awaitAlert(String name, Duration timeout, String... labelPairs)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<PrometheusAlert> last = List.of();
    while (System.nanoTime() < deadline) {
      try {
        last = alerts();
        for (PrometheusAlert alert : last) {
          boolean matches = name.equals(alert.name());
          for (int i = 0; i + 1 < labelPairs.length; i += 2) {
            matches &= labelPairs[i + 1].equals(alert.labels().get(labelPairs[i]));
          }
          if (matches) {
            return alert;
          }
        }
      } catch (IOException e) {
        // Prometheus busy; retried until the deadline
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "alert " + name + " " + List.of(labelPairs) + " never pending or firing; alerts: " + last);
  }

  /** Our rules with test overrides (shorter for-durations), rendered the way the build does. */
  private static Path renderRules(Path work, Map<String, String> overrides) throws IOException {
    RuleRenderer renderer = new RuleRenderer(Bundle.source("rules"));
    Path dir = Files.createDirectories(work.resolve("rules"));
    for (Map.Entry<String, String> file :
        renderer.render(renderer.defaultParameters().with(overrides)).entrySet()) {
      Files.writeString(dir.resolve(file.getKey()), file.getValue());
    }
    return dir;
  }

  private static Path writePrometheusConfig(
      Path work,
      List<ScrapeTarget> targets,
      Map<String, String> overrides,
      List<Integer> alertmanagerPorts,
      int prometheusPort,
      List<ObjectNode> extraJobs)
      throws IOException {
    ObjectNode config = YAML.createObjectNode();
    config
        .putObject("global")
        // 2 s: the keepalived exporter gets 1.5 s (timeout minus its offset) for a fresh dump,
        // enough on a busy test machine
        .put("scrape_interval", "2s")
        .put("evaluation_interval", "1s")
        .put("scrape_timeout", "2s");
    config.putArray("rule_files").add(renderRules(work, overrides) + "/*.rules.yml");
    // every Alertmanager gets every alert, as both nodes' Prometheus servers do in the README setup
    ArrayNode alertmanagerTargets =
        config
            .putObject("alerting")
            .putArray("alertmanagers")
            .addObject()
            .putArray("static_configs")
            .addObject()
            .putArray("targets");
    alertmanagerPorts.forEach(port -> alertmanagerTargets.add("127.0.0.1:" + port));
    ArrayNode jobs = config.putArray("scrape_configs");
    // the monitoring watches itself, as in the example scrape config
    List<ScrapeTarget> all = new ArrayList<>(targets);
    all.add(
        new ScrapeTarget(
            "prometheus", "127.0.0.1:" + prometheusPort, MONITORING_CLUSTER, MONITORING_NODE));
    alertmanagerPorts.forEach(
        port ->
            all.add(
                new ScrapeTarget(
                    "alertmanager", "127.0.0.1:" + port, MONITORING_CLUSTER, MONITORING_NODE)));
    targets = all;
    for (String job : targets.stream().map(ScrapeTarget::job).distinct().toList()) {
      ArrayNode groups = jobs.addObject().put("job_name", job).putArray("static_configs");
      for (ScrapeTarget target : targets) {
        if (target.job().equals(job)) {
          ObjectNode group = groups.addObject();
          group.putArray("targets").add(target.address());
          group.putObject("labels").put("cluster", target.cluster()).put("node", target.node());
        }
      }
    }
    extraJobs.forEach(jobs::add);
    Path file = work.resolve("prometheus.yml");
    YAML.writeValue(file.toFile(), config);
    return file;
  }

  /**
   * The shipped example configuration, changed only where a test must: Telegram and the dead man's
   * switch point at the fake, group timings are shortened; the template is installed beside it.
   */
  private Path writeAlertmanagerConfig(Path work) throws IOException {
    ObjectNode config =
        (ObjectNode)
            YAML.readTree(Bundle.output("examples/alertmanager/alertmanager.yml").toFile());
    // installed as the README says, beside the config: the shipped relative template path
    // resolves against the config's directory, as in /etc/prometheus
    Path templates = Files.createDirectories(work.resolve("alertmanager_templates"));
    Files.copy(
        Bundle.output("examples/alertmanager/homelab-ha-telegram.tmpl"),
        templates.resolve("homelab-ha-telegram.tmpl"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    shortenTimings((ObjectNode) config.get("route"));
    for (JsonNode receiver : config.path("receivers")) {
      for (JsonNode telegramConfig : receiver.path("telegram_configs")) {
        ((ObjectNode) telegramConfig)
            .put("api_url", telegram.apiUrl())
            .put("bot_token", BOT_TOKEN)
            .put("chat_id", CHAT_ID);
      }
      for (JsonNode webhook : receiver.path("webhook_configs")) {
        ((ObjectNode) webhook).put("url", telegram.webhookUrl(receiver.path("name").asText()));
      }
    }
    Path file = work.resolve("alertmanager.yml");
    YAML.writeValue(file.toFile(), config);
    return file;
  }

  /**
   * Seconds instead of minutes. group_interval stays longer than Prometheus' resend delay (2 s
   * here) plus an evaluation, as the example's does against Prometheus' default (1m): see the
   * example's comment on group_interval.
   */
  private static void shortenTimings(ObjectNode route) {
    route.put("group_wait", "1s").put("group_interval", "4s");
    for (JsonNode child : route.path("routes")) {
      shortenTimings((ObjectNode) child);
    }
  }

  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
    telegram.close();
  }
}
