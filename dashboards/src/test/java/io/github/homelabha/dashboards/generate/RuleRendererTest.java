package io.github.homelabha.dashboards.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.config.PromDuration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleRendererTest {

  @TempDir Path dir;

  private RuleRenderer rendererWith(String parameters, String rules) throws IOException {
    Files.writeString(dir.resolve("parameters.yml"), parameters);
    Files.writeString(dir.resolve("x.rules.yml"), rules);
    return new RuleRenderer(dir);
  }

  @Test
  void fillsValuesAndSecondsAndKeepsPrometheusTemplates() throws IOException {
    RuleRenderer renderer =
        rendererWith(
            "window: 15m\nlimit: 300\n",
            "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: x > ${limit} and y < ${window:seconds}\n"
                + "    for: ${window}\n    annotations: {d: '{{ $labels.node }} $1'}\n");

    String out = renderer.render(renderer.defaultParameters()).get("x.rules.yml");

    assertThat(out)
        .contains("expr: x > 300 and y < 900")
        .contains("for: 15m")
        .contains("{{ $labels.node }} $1");
  }

  @Test
  void overridesReplaceValuesButNeverInventNames() throws IOException {
    RuleRenderer renderer =
        rendererWith(
            "limit: 300\n", "groups:\n- name: g\n  rules:\n  - record: r\n    expr: ${limit}\n");
    RuleParameters parameters = renderer.defaultParameters();

    assertThat(renderer.render(parameters.with(Map.of("limit", "5"))).get("x.rules.yml"))
        .contains("expr: 5");
    assertThatThrownBy(() -> parameters.with(Map.of("limt", "5")))
        .hasMessageContaining("no rule parameter named limt");
  }

  @Test
  void unknownPlaceholderNamesTheFile() throws IOException {
    RuleRenderer renderer =
        rendererWith(
            "limit: 300\n",
            "groups:\n- name: g\n  rules:\n  - record: r\n    expr: ${limt} + ${limit}\n");

    assertThatThrownBy(() -> renderer.render(renderer.defaultParameters()))
        .hasMessageContaining("x.rules.yml")
        .hasMessageContaining("${limt}");
  }

  @Test
  void unusedParameterIsAnError() throws IOException {
    RuleRenderer renderer =
        rendererWith(
            "limit: 300\nforgotten: 1m\n",
            "groups:\n- name: g\n  rules:\n  - record: r\n    expr: ${limit}\n");

    assertThatThrownBy(() -> renderer.render(renderer.defaultParameters()))
        .hasMessageContaining("forgotten");
  }

  @Test
  void malformedPlaceholderAndBadDurationAreErrors() throws IOException {
    RuleRenderer malformed =
        rendererWith(
            "limit: 300\n",
            "groups:\n- name: g\n  rules:\n  - record: r\n    expr: ${Limit} ${limit}\n");
    assertThatThrownBy(() -> malformed.render(malformed.defaultParameters()))
        .hasMessageContaining("malformed placeholder ${Limit}");

    RuleRenderer badDuration =
        rendererWith(
            "limit: 5 minutes\n",
            "groups:\n- name: g\n  rules:\n  - record: r\n    expr: ${limit:seconds}\n");
    assertThatThrownBy(() -> badDuration.render(badDuration.defaultParameters()))
        .hasMessageContaining("not a duration: \"5 minutes\"");
  }

  @Test
  void renderedTextMustStillBeRuleGroups() throws IOException {
    RuleRenderer renderer = rendererWith("limit: 300\n", "rules: ${limit}\n");

    assertThatThrownBy(() -> renderer.render(renderer.defaultParameters()))
        .hasMessageContaining("expected a non-empty `groups:` list");
  }

  @Test
  void durationPlaceholdersUseTheProjectsPrometheusDurations() {
    assertThat(PromDuration.parse("1h30m").toSeconds()).isEqualTo(5400);
    assertThat(PromDuration.parse("500ms").toMillis()).isEqualTo(500);
    assertThatThrownBy(() -> PromDuration.parse("15")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PromDuration.parse("m")).isInstanceOf(IllegalArgumentException.class);
  }
}
