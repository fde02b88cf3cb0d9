package io.github.homelabha.dashboards.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.homelabha.core.testkit.system.Commands;
import io.github.homelabha.core.testkit.system.ProcessResult;
import io.github.homelabha.core.testkit.system.RequiresBinaries;
import io.github.homelabha.dashboards.generate.RuleRenderer;
import io.github.homelabha.dashboards.rules.RuleFiles;
import io.github.homelabha.dashboards.support.Bundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example Prometheus, blackbox and Alertmanager configs are valid and agree with the rules. */
class ExampleConfigsTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String TEMPLATE_PATH = "alertmanager_templates/homelab-ha-telegram.tmpl";
  private static final String DEBIAN_RULES = "/etc/prometheus/rules/homelab-ha/*.rules.yml";

  static Path alertmanagerExample() {
    return Bundle.output("examples/alertmanager/alertmanager.yml");
  }

  static Path telegramTemplate() {
    return Bundle.output("examples/alertmanager/homelab-ha-telegram.tmpl");
  }

  /** The example Alertmanager config, reading the template from where the test has it. */
  static String alertmanagerConfigWithLocalTemplate() throws IOException {
    String config = Files.readString(alertmanagerExample());
    assertThat(config).contains("  - " + TEMPLATE_PATH);
    return config.replace("  - " + TEMPLATE_PATH, "  - " + telegramTemplate());
  }

  @Test
  @RequiresBinaries("amtool")
  void amtoolAcceptsTheAlertmanagerExample(@TempDir Path work) throws IOException {
    Path config =
        Files.writeString(work.resolve("alertmanager.yml"), alertmanagerConfigWithLocalTemplate());

    ProcessResult result =
        Commands.run(TIMEOUT, List.of("amtool", "check-config", config.toString()));

    assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
    assertThat(result.stdout()).contains("SUCCESS").contains("1 templates").contains("4 receivers");
  }

  @Test
  @RequiresBinaries("promtool")
  void promtoolAcceptsThePrometheusExampleWithTheRenderedRules(@TempDir Path work)
      throws IOException {
    String config = Files.readString(Bundle.output("examples/prometheus/prometheus.yml"));
    assertThat(config).contains(DEBIAN_RULES);
    Path file =
        Files.writeString(
            work.resolve("prometheus.yml"),
            config.replace(DEBIAN_RULES, Bundle.output("prometheus/rules") + "/*.rules.yml"));

    ProcessResult result =
        Commands.run(TIMEOUT, List.of("promtool", "check", "config", file.toString()));

    assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
    long ruleFiles;
    try (java.util.stream.Stream<Path> files = Files.list(Bundle.output("prometheus/rules"))) {
      ruleFiles = files.filter(f -> f.toString().endsWith(".rules.yml")).count();
    }
    assertThat(result.stdout()).contains("SUCCESS: " + ruleFiles + " rule files found");
  }

  @Test
  void jobNamesOfTheRulesExistInTheScrapeExample() throws IOException {
    JsonNode prometheus =
        YAML.readTree(Bundle.output("examples/prometheus/prometheus.yml").toFile());
    Set<String> jobs = new HashSet<>();
    prometheus.path("scrape_configs").forEach(j -> jobs.add(j.path("job_name").asText()));
    var parameters = new RuleRenderer(Bundle.source("rules")).defaultParameters().asMap();

    parameters.forEach(
        (name, value) -> {
          if (name.endsWith("_job")) {
            assertThat(jobs).as("parameter " + name).contains(value);
          }
        });
  }

  @Test
  void everyTargetOfTheScrapeExampleHasClusterAndNodeLabels() throws IOException {
    JsonNode prometheus =
        YAML.readTree(Bundle.output("examples/prometheus/prometheus.yml").toFile());
    for (JsonNode job : prometheus.path("scrape_configs")) {
      for (JsonNode group : job.path("static_configs")) {
        assertThat(group.path("labels").has("cluster") && group.path("labels").has("node"))
            .as(job.path("job_name").asText() + " " + group.path("targets"))
            .isTrue();
      }
    }
  }

  @Test
  void blackboxModulesUsedByTheScrapeExampleExist() throws IOException {
    JsonNode prometheus =
        YAML.readTree(Bundle.output("examples/prometheus/prometheus.yml").toFile());
    JsonNode blackbox = YAML.readTree(Bundle.output("examples/prometheus/blackbox.yml").toFile());
    int probeJobs = 0;
    for (JsonNode job : prometheus.path("scrape_configs")) {
      for (JsonNode module : job.path("params").path("module")) {
        assertThat(blackbox.path("modules").has(module.asText()))
            .as("blackbox module " + module.asText())
            .isTrue();
        probeJobs++;
      }
    }
    assertThat(probeJobs).isEqualTo(2);
  }

  @Test
  void alertNamesInTheRoutingTreeExist() throws IOException {
    String config = Files.readString(alertmanagerExample());
    List<String> alerts = RuleFiles.alertNames();
    Matcher matcher = Pattern.compile("alertname\\s*=~?\\s*\"?([A-Za-z|]+)\"?").matcher(config);
    int names = 0;
    while (matcher.find()) {
      for (String name : matcher.group(1).split("\\|")) {
        assertThat(alerts).as("alert named in alertmanager.yml").contains(name);
        names++;
      }
    }
    assertThat(names).isGreaterThan(5);
  }
}
