package io.github.homelabha.dashboards.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.dashboards.rules.RuleFiles;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every shipped alert is shown by an end-to-end case ({@link ShowsAlerts} on a test of a {@code
 * *SystemTest} class of this package) or exempted below with the reason; the promtool unit tests
 * cover every alert's expression either way (see {@code AlertTestCoverageTest}).
 */
class EndToEndAlertCoverageTest {

  /** Alerts without an end-to-end case, and why. */
  static final Map<String, String> EXEMPT =
      Map.ofEntries(
          Map.entry(
              "KeepalivedVipMissingOnMaster",
              "keepalived puts a VIP removed from the MASTER back at once; a real MASTER without"
                  + " its VIP cannot be staged (the expression is unit-tested on recorded series)"));

  @Test
  void everyShippedAlertHasAnEndToEndCaseOrAReasonWhyNot() throws Exception {
    Set<String> shipped = new TreeSet<>(RuleFiles.alertNames());
    Set<String> shown = shownAlerts();

    assertThat(shown)
        .as("alerts named by end-to-end cases that are not shipped")
        .isSubsetOf(shipped);
    assertThat(EXEMPT.keySet()).as("exempted alerts that are not shipped").isSubsetOf(shipped);
    assertThat(shown)
        .as("alerts both shown end to end and exempted: drop the exemption")
        .doesNotContainAnyElementsOf(EXEMPT.keySet());
    Set<String> missing = new TreeSet<>(shipped);
    missing.removeAll(shown);
    missing.removeAll(EXEMPT.keySet());
    assertThat(missing).as("shipped alerts without an end-to-end case or exemption").isEmpty();
    System.out.printf("alerts shown end to end (%d): %s%n", shown.size(), shown);
    System.out.printf("alerts exempted (%d): %s%n", EXEMPT.size(), new TreeSet<>(EXEMPT.keySet()));
  }

  @Test
  void theSystemTestsAreFound() throws Exception {
    assertThat(systemTests())
        .contains(
            ClusterIncidentsSystemTest.class,
            ClusterAlertsSystemTest.class,
            UpstreamAlertsSystemTest.class);
  }

  static Set<String> shownAlerts()
      throws IOException, URISyntaxException, ReflectiveOperationException {
    Set<String> shown = new TreeSet<>();
    for (Class<?> test : systemTests()) {
      for (Method method : test.getDeclaredMethods()) {
        ShowsAlerts alerts = method.getAnnotation(ShowsAlerts.class);
        if (alerts != null) {
          shown.addAll(Set.of(alerts.value()));
        }
      }
    }
    return shown;
  }

  /** The compiled {@code *SystemTest} classes of this package. */
  private static Set<Class<?>> systemTests()
      throws IOException, URISyntaxException, ClassNotFoundException {
    Path dir = Path.of(EndToEndAlertCoverageTest.class.getResource("").toURI());
    Set<Class<?>> classes = new java.util.LinkedHashSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith("SystemTest.class")) {
          classes.add(
              Class.forName(
                  EndToEndAlertCoverageTest.class.getPackageName()
                      + "."
                      + name.substring(0, name.length() - ".class".length())));
        }
      }
    }
    return classes;
  }
}
