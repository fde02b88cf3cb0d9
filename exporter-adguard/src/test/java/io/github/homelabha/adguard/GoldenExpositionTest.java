package io.github.homelabha.adguard;

import io.github.homelabha.adguard.client.AdGuardClient;
import io.github.homelabha.adguard.client.AdGuardLogin;
import io.github.homelabha.adguard.drift.DriftGroup;
import io.github.homelabha.adguard.faults.AdGuardAnswers;
import io.github.homelabha.adguard.querylog.QueryLogTailer;
import io.github.homelabha.core.api.MetricFamily;
import io.github.homelabha.core.api.Secret;
import io.github.homelabha.core.testkit.FixedScrapeContext;
import io.github.homelabha.core.testkit.GoldenExposition;
import io.github.homelabha.core.testkit.MutableClock;
import io.github.homelabha.core.testkit.RecordingWriter;
import io.github.homelabha.core.upstream.UpstreamClient;
import io.github.homelabha.core.upstream.UpstreamHttp;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Every series the AdGuard exporter writes for one instance answering with the recorded AdGuard
 * Home samples ({@code src/test/resources/answers/}), compared line by line with {@code
 * src/test/resources/golden/} (see {@link GoldenExposition}).
 */
class GoldenExpositionTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final String SESSION = "agh_session=golden-session";

  @Test
  void oneInstanceAnsweringWithTheRecordedSamples() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T19:00:00Z"));
    try (MockWebServer adguard = new MockWebServer();
        UpstreamHttp http = UpstreamHttp.standalone("adguard", clock)) {
      adguard.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return AdGuardAnswers.answer(request, SESSION);
            }
          });
      adguard.start();
      AdGuardConfig config = new AdGuardConfig();
      InstanceConfig instance = new InstanceConfig();
      instance.name = "pi-a";
      instance.url = adguard.url("/").toString();
      instance.username = "admin";
      instance.password = Secret.of("not-the-real-one");
      UpstreamClient upstream = http.client(instance.name, instance);
      AdGuardTarget target =
          new AdGuardTarget(
              instance.name,
              new AdGuardClient(
                  upstream,
                  http.session(upstream, new AdGuardLogin(instance.username, instance.password))),
              new QueryLogTailer(
                  config.querylog.pageSize,
                  config.querylog.overlap,
                  config.querylog.maxEntriesPerScrape,
                  config.querylog.maxEntriesPerScrape),
              new DriftGroup(
                  "default", Set.of("pi-a"), config.configInterval.multipliedBy(2), clock),
              config.configInterval,
              config.statsTopN,
              clock);

      List<MetricFamily> families = new AdGuardExporter().metricFamilies();
      RecordingWriter out = new RecordingWriter(families);
      target.scrape(new FixedScrapeContext(), out);
      GoldenExposition.assertMatches(
          GOLDEN.resolve("one-instance.txt"), GoldenExposition.render(out, families));
    }
  }
}
