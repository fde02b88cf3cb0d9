package io.github.homelabha.dashboards.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.homelabha.core.testkit.system.Commands;
import io.github.homelabha.core.testkit.system.ProcessResult;
import io.github.homelabha.core.testkit.system.RequiresBinaries;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every dashboard query parses with Prometheus' own parser: all queries, template variables
 * substituted, go into one recording-rule file that {@code promtool check rules} must accept.
 * Grafana itself is not packaged for Debian, so dashboards are checked by lint and by this.
 */
@RequiresBinaries("promtool")
class DashboardQueriesTest {

  @Test
  void everyQueryParses(@TempDir Path work) throws IOException {
    List<Dashboards.Query> queries = Dashboards.queries();
    assertThat(queries).hasSizeGreaterThan(20);

    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    ObjectNode file = yaml.createObjectNode();
    ArrayNode rules =
        file.putArray("groups").addObject().put("name", "dashboard-queries").putArray("rules");
    for (int i = 0; i < queries.size(); i++) {
      Dashboards.Query query = queries.get(i);
      rules
          .addObject()
          .put("record", "dashboard_query_" + i)
          .put("expr", TemplateVariables.substitute(query.expr()))
          .putObject("labels")
          .put("origin", query.dashboard() + " " + query.where());
    }
    Path ruleFile = work.resolve("dashboard-queries.yml");
    yaml.writeValue(ruleFile.toFile(), file);

    ProcessResult result =
        Commands.run(
            Duration.ofSeconds(60), List.of("promtool", "check", "rules", ruleFile.toString()));

    assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
    assertThat(result.stdout()).contains("SUCCESS: " + queries.size() + " rules found");
  }

  @Test
  void substitutionKeepsQueriesParseable() {
    assertThat(
            TemplateVariables.substitute(
                "rate(x{cluster=\"$cluster\", node=~\"${node}\"}[$__rate_interval]) + changes(y[$__range])"))
        .isEqualTo("rate(x{cluster=\"value\", node=~\"value\"}[5m]) + changes(y[5m])");
  }
}
