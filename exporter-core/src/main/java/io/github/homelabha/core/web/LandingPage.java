package io.github.homelabha.core.web;

import io.github.homelabha.core.api.LandingTable;
import io.github.homelabha.core.config.PromDuration;
import io.github.homelabha.core.scrape.BuildInfo;
import io.github.homelabha.core.scrape.ScrapeEngine;
import io.github.homelabha.core.scrape.ScrapeResult;
import io.github.homelabha.core.scrape.TargetScraper;
import io.github.homelabha.core.secrets.Redactor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The page at {@code /}: exporter and version, each target's last scrape (status, error, duration,
 * age) with links, and the sections the exporter adds. Plain HTML, no scripts.
 */
public final class LandingPage {
  public record Section(String title, Supplier<LandingTable> table) {}

  public record Link(String path, String description) {}

  private final String title;
  private final String description;
  private final BuildInfo build;
  private final String telemetryPath;
  private final ScrapeEngine engine;
  private final List<Link> extraLinks;
  private final List<Section> sections;
  private final Redactor redactor;
  private final Clock clock;

  public LandingPage(
      String title,
      String description,
      BuildInfo build,
      String telemetryPath,
      ScrapeEngine engine,
      List<Link> extraLinks,
      List<Section> sections,
      Redactor redactor,
      Clock clock) {
    this.title = title;
    this.description = description;
    this.build = build;
    this.telemetryPath = telemetryPath;
    this.engine = engine;
    this.extraLinks = extraLinks;
    this.sections = sections;
    this.redactor = redactor;
    this.clock = clock;
  }

  /**
   * The page. Targets never scraped yet (the exporter just started, nobody scraped it) are scraped
   * first within {@code budget}, so the page shows live state from the first visit on instead of
   * "not scraped yet".
   */
  String render(Duration budget) {
    engine.scrapeNeverScraped(budget);
    List<TargetScraper> scrapers = engine.scrapers();
    StringBuilder h = new StringBuilder(4096);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(e(title))
        .append("</title><style>body{font-family:sans-serif;margin:1.5em;max-width:70em}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .6em;")
        .append("text-align:left;vertical-align:top}.ok{color:#080}.fail{color:#b00}")
        .append("code{background:#f4f4f4}</style></head><body>\n");
    h.append("<h1>").append(e(title)).append("</h1>\n<p>").append(e(description)).append("</p>\n");
    h.append("<p>Version ")
        .append(e(build.version()))
        .append(" (revision ")
        .append(e(build.revision()))
        .append("), Java ")
        .append(e(build.javaVersion()))
        .append("</p>\n<ul>\n");
    link(h, telemetryPath, "Metrics of all targets");
    link(h, "/-/healthy", "Health");
    link(h, "/-/ready", "Readiness");
    for (Link l : extraLinks) {
      link(h, l.path(), l.description());
    }
    h.append("</ul>\n<h2>Targets</h2>\n<table><tr><th>Target</th><th>Watches</th>")
        .append(
            "<th>Last scrape</th><th>Duration</th><th>Age</th><th>Error</th><th>Probe</th></tr>\n");
    for (TargetScraper s : scrapers) {
      ScrapeResult r = s.last();
      String name = s.target().name();
      h.append("<tr><td>").append(e(name)).append("</td><td>").append(e(s.target().description()));
      if (r == null) {
        h.append("</td><td>not scraped yet</td><td></td><td></td><td>");
      } else {
        h.append("</td><td class=\"")
            .append(r.success() ? "ok\">up" : "fail\">down (" + e(r.errorReason()) + ")")
            .append("</td><td>")
            .append(String.format("%.3f s", r.duration().toNanos() / 1e9))
            .append("</td><td>")
            .append(e(PromDuration.format(age(r))))
            .append(" ago</td><td>")
            .append(r.success() ? "" : e(redactor.redact(r.errorMessage())));
      }
      String probe = "/probe?target=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
      h.append("</td><td><a href=\"").append(e(probe)).append("\">probe</a></td></tr>\n");
    }
    h.append("</table>\n");
    for (Section section : sections) {
      h.append("<h2>").append(e(section.title())).append("</h2>\n");
      table(h, section.table().get());
    }
    h.append("</body></html>\n");
    return h.toString();
  }

  private Duration age(ScrapeResult r) {
    Duration d = Duration.between(r.startedAt(), clock.instant());
    return Duration.ofSeconds(Math.max(0, d.toSeconds()));
  }

  private void table(StringBuilder h, LandingTable t) {
    if (t.rows().isEmpty()) {
      h.append("<p>none</p>\n");
      return;
    }
    h.append("<table><tr>");
    t.columns().forEach(c -> h.append("<th>").append(e(c)).append("</th>"));
    h.append("</tr>\n");
    for (List<String> row : t.rows()) {
      h.append("<tr>");
      row.forEach(c -> h.append("<td>").append(e(redactor.redact(c))).append("</td>"));
      h.append("</tr>\n");
    }
    h.append("</table>\n");
  }

  private static void link(StringBuilder h, String path, String text) {
    h.append("<li><a href=\"")
        .append(e(path))
        .append("\">")
        .append(e(path))
        .append("</a> ")
        .append(e(text))
        .append("</li>\n");
  }

  private static String e(String s) {
    return Html.escape(s);
  }
}
