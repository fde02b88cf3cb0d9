package io.github.homelabha.drill.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.core.testkit.ExpositionParser;
import io.github.homelabha.core.testkit.ParsedMetrics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrillMetricsTest {
  static DrillReport passed() {
    PhaseReport failover =
        new PhaseReport(
            "pi-a",
            "pi-b",
            1.25,
            List.of(
                new ServiceResult("web", 2.5, 25, 90, Verdict.PASS, 5),
                new ServiceResult("dns", 0.0, 0, 90, Verdict.PASS, 2)));
    PhaseReport back =
        new PhaseReport(
            "pi-b",
            "pi-a",
            0.75,
            List.of(
                new ServiceResult("web", 0.3, 3, 60, Verdict.PASS, 5),
                new ServiceResult("dns", 3.0, 30, 60, Verdict.FAIL, 2)));
    return new DrillReport(
        "dns-pair",
        DrillReport.Result.FAIL,
        "service_interruption",
        "m",
        "VI_1",
        "t",
        failover,
        back);
  }

  private static ParsedMetrics parse(DrillReport report) {
    String text =
        new String(Exposition.text(DrillMetrics.of(report, 1.7e9)), StandardCharsets.UTF_8);
    return ExpositionParser.parsePrometheusText(text);
  }

  @Test
  void aDrillThatRanHasEveryFigure() {
    ParsedMetrics m = parse(passed());
    assertThat(m.valueOf("drill_success")).isZero();
    assertThat(m.valueOf("drill_last_run_timestamp_seconds")).isEqualTo(1.7e9);
    assertThat(m.valueOf("drill_switch_seconds")).isEqualTo(1.25);
    assertThat(m.valueOf("drill_service_interruption_seconds", "service", "web")).isEqualTo(2.5);
    assertThat(m.valueOf("drill_service_failed_probes", "service", "web")).isEqualTo(25);
    assertThat(m.valueOf("drill_service_ok", "service", "web")).isEqualTo(1);
    // dns passed the failover but not the way back
    assertThat(m.valueOf("drill_service_ok", "service", "dns")).isZero();
    assertThat(m.has("drill_refusal_info")).isFalse();
  }

  @Test
  void aRefusedDrillHasOnlySuccessAndTheReason() {
    ParsedMetrics m = parse(DrillReport.refused("dns-pair", "keepalived_down", "m", "t"));
    assertThat(m.valueOf("drill_success")).isZero();
    assertThat(m.valueOf("drill_refusal_info", "reason", "keepalived_down")).isEqualTo(1);
    assertThat(m.families()).hasSize(2);
  }

  @Test
  void theJsonReportUsesTheDocumentedFields() {
    String json = new String(JsonReport.bytes(passed()), StandardCharsets.UTF_8);
    assertThat(json)
        .contains(
            "\"drill\" : \"dns-pair\"",
            "\"result\" : \"fail\"",
            "\"old_master\" : \"pi-a\"",
            "\"new_master\" : \"pi-b\"",
            "\"switch_seconds\" : 1.25",
            "\"interruption_seconds\" : 2.5",
            "\"failed_probes\" : 25",
            "\"probes\" : 90",
            "\"verdict\" : \"pass\"",
            "\"restore\" : {")
        .doesNotContain("max_interruption", "failover");
    String refused =
        new String(
            JsonReport.bytes(DrillReport.refused("x", "no_master", "m", "t")),
            StandardCharsets.UTF_8);
    assertThat(refused).contains("\"result\" : \"refused\"", "\"reason\" : \"no_master\"");
    assertThat(refused).doesNotContain("switch_seconds", "services");
  }

  @Test
  void theTableShowsEveryService() {
    String table = TerminalTable.render(passed());
    assertThat(table)
        .contains("drill dns-pair: FAIL (service_interruption)")
        .contains("failover: pi-a -> pi-b, switch 1.250 s")
        .contains("way back: pi-b -> pi-a")
        .containsPattern("web +2\\.500 s +5\\.000 s +25/90 +pass")
        .containsPattern("dns +3\\.000 s +2\\.000 s +30/60 +fail");
  }
}
