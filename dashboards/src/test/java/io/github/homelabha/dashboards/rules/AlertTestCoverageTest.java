package io.github.homelabha.dashboards.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every alert has a promtool case where it fires and one where it must stay silent, so a rule that
 * can never fire (or always fires) does not slip through.
 */
class AlertTestCoverageTest {

  /** Alerts that cannot have a silent case, with the reason. */
  private static final Map<String, String> ALWAYS_FIRING =
      Map.of("Watchdog", "the dead man's switch fires on an empty database by design");

  @Test
  void everyAlertHasAFiringAndASilentCase() {
    Set<String> firing = new HashSet<>();
    Set<String> silent = new HashSet<>();
    for (Path file : RuleFiles.unitTests()) {
      for (JsonNode test : RuleFiles.read(file).path("tests")) {
        for (JsonNode check : test.path("alert_rule_test")) {
          String alert = check.path("alertname").asText();
          (check.path("exp_alerts").isEmpty() ? silent : firing).add(alert);
        }
      }
    }
    List<String> alerts = RuleFiles.alertNames();
    assertThat(alerts).isNotEmpty().doesNotHaveDuplicates();

    Set<String> withoutFiring = new TreeSet<>(alerts);
    withoutFiring.removeAll(firing);
    Set<String> withoutSilent = new TreeSet<>(alerts);
    withoutSilent.removeAll(silent);
    withoutSilent.removeAll(ALWAYS_FIRING.keySet());

    assertThat(withoutFiring).as("alerts without a firing promtool case").isEmpty();
    assertThat(withoutSilent).as("alerts without a must-not-fire promtool case").isEmpty();
    assertThat(alerts).containsAll(ALWAYS_FIRING.keySet());
  }

  @Test
  void everyAlertCarriesSeverityAndTheRunbookAnnotations() {
    for (JsonNode rule : RuleFiles.rules()) {
      if (!rule.has("alert")) {
        continue;
      }
      String name = rule.get("alert").asText();
      assertThat(rule.path("labels").path("severity").asText())
          .as(name + " severity")
          .isIn("critical", "warning", "info", "none");
      for (String annotation : List.of("summary", "description", "checks")) {
        assertThat(rule.path("annotations").path(annotation).asText())
            .as(name + " annotation " + annotation)
            .isNotBlank();
      }
    }
  }
}
