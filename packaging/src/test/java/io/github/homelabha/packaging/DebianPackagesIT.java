package io.github.homelabha.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.homelabha.core.testkit.PortAllocator;
import io.github.homelabha.core.testkit.system.ManagedProcess;
import io.github.homelabha.core.testkit.system.ProcessResult;
import io.github.homelabha.core.testkit.system.RequiresBinaries;
import io.github.homelabha.core.testkit.system.RequiresRoot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs the built packages with {@code dpkg -i} (in overlays of this machine's root, see {@link
 * RootOverlay}), checks what they installed, runs every program the way its unit would, checks that
 * Prometheus and Alertmanager accept the monitoring files, and that {@code dpkg --purge} removes
 * everything the installation added. systemd is not PID 1 here: the tests start the units' command
 * lines themselves.
 */
@RequiresRoot
@RequiresBinaries({
  "dpkg",
  "dpkg-query",
  "unshare",
  "nsenter",
  "setpriv",
  "getent",
  "java",
  "promtool",
  "amtool",
  "systemd-analyze"
})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebianPackagesIT {
  private static final Duration DPKG_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration JVM_TIMEOUT = Duration.ofSeconds(90);
  private static final String USER = "ha-exporters";

  /** Unit -> its configuration file and the ports its exporters listen on as shipped. */
  private static final Map<String, String> UNITS = new LinkedHashMap<>();

  static {
    UNITS.put("ha-exporters", "ha-exporters.yml");
    UNITS.put("ha-keepalived-exporter", "keepalived.yml");
    UNITS.put("ha-sync-exporter", "sync.yml");
    UNITS.put("ha-adguard-exporter", "adguard.yml");
    UNITS.put("ha-unifi-exporter", "unifi.yml");
  }

  /** Where the install may add files, and what is not ours to compare (package manager state). */
  private static final List<Path> WATCHED =
      Stream.of("/etc", "/var", "/usr/bin", "/usr/sbin", "/usr/share", "/usr/lib/systemd")
          .map(Path::of)
          .toList();

  private static final List<String> NOT_COMPARED = List.of("/var/lib/dpkg", "/var/cache/debconf");

  @TempDir static Path work;

  private RootOverlay root;
  private Set<String> filesBefore;
  private final List<ManagedProcess> running = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  void installBothPackages() throws IOException {
    root = RootOverlay.start(Files.createDirectories(work.resolve("overlay")));
    // A copy someone installed on this machine: gone inside the overlay, untouched outside.
    for (String name : List.of(BuiltPackages.EXPORTERS, BuiltPackages.MONITORING)) {
      if (isInstalled(name)) {
        root.runOrThrow(DPKG_TIMEOUT, "dpkg", "--purge", name);
      }
    }
    assertThat(root.run(JVM_TIMEOUT, "getent", "passwd", USER).exitCode()).isNotZero();
    filesBefore = snapshot();
    root.runOrThrow(
        DPKG_TIMEOUT,
        "env",
        "DEBIAN_FRONTEND=noninteractive",
        "dpkg",
        "-i",
        BuiltPackages.deb(BuiltPackages.EXPORTERS).toString(),
        BuiltPackages.deb(BuiltPackages.MONITORING).toString());
  }

  @AfterAll
  void leaveTheMachineAsItWas() {
    running.forEach(ManagedProcess::close);
    if (root != null) {
      root.close(); // whatever the tests left installed vanishes with the overlays
    }
  }

  @Test
  @Order(1)
  void installsTheDocumentedFilesWithOneCopyOfEachLibrary() throws IOException {
    Set<String> files =
        new HashSet<>(
            root.runOrThrow(JVM_TIMEOUT, "dpkg-query", "-L", BuiltPackages.EXPORTERS)
                .stdout()
                .lines()
                .toList());
    for (String unit : UNITS.keySet()) {
      assertThat(files)
          .contains(
              "/usr/bin/" + unit,
              "/lib/systemd/system/" + unit + ".service",
              "/etc/default/" + unit,
              "/etc/ha-exporters/" + UNITS.get(unit));
      assertThat(Files.isExecutable(root.path("/usr/bin/" + unit))).isTrue();
    }
    assertThat(files)
        .contains(
            "/usr/bin/ha-failover-drill",
            "/usr/share/ha-exporters/ha-exporters-java",
            "/usr/share/ha-exporters/keepalived.service.d/ha-exporters.conf");

    // thin jars: every class of ours is in exactly one jar, and no jar is a fat jar
    Path lib = root.path("/usr/share/ha-exporters/lib");
    List<Path> jars;
    try (Stream<Path> list = Files.list(lib)) {
      jars = list.sorted().toList();
    }
    List<String> holdingTheCore = new ArrayList<>();
    long total = 0;
    for (Path jar : jars) {
      total += Files.size(jar);
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        if (zip.getEntry("io/github/homelabha/core/api/Exporter.class") != null) {
          holdingTheCore.add(jar.getFileName().toString());
        }
        assertThat(
                zip.getEntry("com/fasterxml/jackson/databind/ObjectMapper.class") != null
                    && !jar.getFileName().toString().startsWith("jackson-databind"))
            .as("%s bundles Jackson: a fat jar", jar)
            .isFalse();
      }
    }
    assertThat(holdingTheCore).containsExactly("exporter-core.jar");
    System.out.printf(
        "ha-exporters: %d jars, %.1f MiB in /usr/share/ha-exporters/lib; .deb %.1f MiB,"
            + " ha-exporters-monitoring .deb %.1f KiB%n",
        jars.size(),
        total / 1048576.0,
        Files.size(BuiltPackages.deb(BuiltPackages.EXPORTERS)) / 1048576.0,
        Files.size(BuiltPackages.deb(BuiltPackages.MONITORING)) / 1024.0);

    Set<String> monitoring =
        new HashSet<>(
            root.runOrThrow(JVM_TIMEOUT, "dpkg-query", "-L", BuiltPackages.MONITORING)
                .stdout()
                .lines()
                .toList());
    assertThat(monitoring)
        .contains(
            "/etc/prometheus/rules/homelab-ha/keepalived.rules.yml",
            "/etc/prometheus/rules/homelab-ha/sync.rules.yml",
            "/etc/prometheus/alertmanager_templates/homelab-ha-telegram.tmpl",
            "/usr/share/ha-exporters-monitoring/examples/prometheus/prometheus.yml",
            "/usr/share/ha-exporters-monitoring/examples/alertmanager/alertmanager.yml",
            "/usr/share/ha-exporters-monitoring/examples/alertmanager/check-alertmanager-config.sh",
            "/usr/share/ha-exporters-monitoring/grafana/dashboards/ha-overview.json");
  }

  @Test
  @Order(2)
  void everyFileUnderEtcIsAConffileAndTheConfigurationIsReadableByTheGroupOnly()
      throws IOException {
    for (String name : List.of(BuiltPackages.EXPORTERS, BuiltPackages.MONITORING)) {
      Set<String> conffiles = conffiles(name);
      Set<String> underEtc = new TreeSet<>();
      for (String file :
          root.runOrThrow(JVM_TIMEOUT, "dpkg-query", "-L", name).stdout().lines().toList()) {
        if (file.startsWith("/etc/") && Files.isRegularFile(root.path(file))) {
          underEtc.add(file);
        }
      }
      assertThat(underEtc).isNotEmpty();
      assertThat(conffiles).as("conffiles of %s", name).isEqualTo(underEtc);
    }
    // owners by name as the machine inside sees them (the user exists only there)
    assertThat(ownerAndMode("/etc/ha-exporters")).isEqualTo("root ha-exporters 750");
    for (String config : UNITS.values()) {
      assertThat(ownerAndMode("/etc/ha-exporters/" + config))
          .as(config)
          .isEqualTo("root ha-exporters 640");
    }
  }

  @Test
  @Order(3)
  void createsASystemUserWithoutLoginAndEnablesOnlyTheAllInOneUnit() throws IOException {
    String[] passwd =
        root.runOrThrow(JVM_TIMEOUT, "getent", "passwd", USER).stdout().strip().split(":");
    assertThat(Integer.parseInt(passwd[2])).as("system uid").isLessThan(1000);
    assertThat(passwd[5]).isEqualTo("/var/lib/ha-exporters");
    assertThat(passwd[6]).isEqualTo("/usr/sbin/nologin");
    assertThat(root.run(JVM_TIMEOUT, "getent", "group", USER).exitCode()).isZero();
    for (String dir : List.of("/var/lib/ha-exporters", "/var/cache/ha-exporters")) {
      assertThat(ownerAndMode(dir)).as(dir).isEqualTo("ha-exporters ha-exporters 750");
    }
    Path wants = root.path("/etc/systemd/system/multi-user.target.wants");
    // the links point at /lib/systemd/system inside: not followed from out here
    assertThat(Files.isSymbolicLink(wants.resolve("ha-exporters.service"))).isTrue();
    for (String unit : UNITS.keySet()) {
      if (!unit.equals("ha-exporters")) {
        assertThat(Files.exists(wants.resolve(unit + ".service"), LinkOption.NOFOLLOW_LINKS))
            .as("%s enabled on install", unit)
            .isFalse();
      }
    }
  }

  @Test
  @Order(4)
  void installedUnitsPassSystemdAnalyzeVerify() {
    for (String unit : UNITS.keySet()) {
      ProcessResult result =
          root.run(
              JVM_TIMEOUT,
              "systemd-analyze",
              "verify",
              "--man=no",
              "/lib/systemd/system/" + unit + ".service");
      assertThat(result.exitCode()).as(unit + ": " + result.stderr()).isZero();
      assertThat(result.stderr()).as(unit).isBlank();
    }
  }

  @Test
  @Order(5)
  void shippedConfigurationPassesConfigCheck() throws IOException {
    // the one documented step before the AdGuard and UniFi configurations are complete
    for (String secret : List.of("adguard.password", "unifi.password")) {
      root.runOrThrow(
          JVM_TIMEOUT,
          "sh",
          "-c",
          "echo not-a-real-password | install -m 0640 -g ha-exporters /dev/stdin /etc/ha-exporters/"
              + secret);
    }
    Map<String, ManagedProcess> checks = new LinkedHashMap<>();
    for (Map.Entry<String, String> unit : UNITS.entrySet()) {
      // as an administrator runs it: sudo -u ha-exporters ha-exporters --config.file=...
      // --config.check
      checks.put(
          unit.getKey(),
          start(
              unit.getKey() + "-check",
              List.of(
                  "setpriv",
                  "--reuid=" + USER,
                  "--regid=" + USER,
                  "--init-groups",
                  "/usr/bin/" + unit.getKey(),
                  "--config.file=/etc/ha-exporters/" + unit.getValue(),
                  "--config.check")));
    }
    checks.put(
        "ha-failover-drill",
        start("ha-failover-drill-version", List.of("/usr/bin/ha-failover-drill", "--version")));
    for (Map.Entry<String, ManagedProcess> check : checks.entrySet()) {
      ManagedProcess process = check.getValue();
      assertThat(process.awaitExit(JVM_TIMEOUT))
          .as("%s: %s", check.getKey(), process.logText())
          .hasValue(0);
    }
  }

  @Test
  @Order(6)
  void everyUnitsCommandLineServesMetricsAndTheAllInOneRecordsItsClassDataArchive()
      throws Exception {
    Map<String, ManagedProcess> services = new LinkedHashMap<>();
    Map<String, Integer> ports = new LinkedHashMap<>();
    long start = System.nanoTime();
    for (String unit : UNITS.keySet()) {
      int port = PortAllocator.freeLoopbackPort();
      ports.put(unit, port);
      // Recording an archive costs each JVM seconds of CPU when it stops; the per-exporter units
      // run the same script as the all-in-one one, which records here.
      Map<String, String> extraEnvironment =
          unit.equals("ha-exporters") ? Map.of() : Map.of("HA_EXPORTERS_APPCDS", "no");
      services.put(unit, startUnit(unit, port, "first", extraEnvironment));
    }
    for (String unit : UNITS.keySet()) {
      awaitMetrics(unit, services.get(unit), ports.get(unit));
    }
    System.out.printf(
        "%d units serving /metrics %.1f s after their start%n",
        UNITS.size(), (System.nanoTime() - start) / 1e9);
    start = System.nanoTime();
    for (String unit : UNITS.keySet()) {
      ManagedProcess service = services.get(unit);
      int exit = service.stop(Duration.ofSeconds(60));
      assertThat(exit).as("%s exit on SIGTERM: %s", unit, service.logText()).isEqualTo(143);
    }
    System.out.printf(
        "stopped, the all-in-one one recording its archive, in %.1f s%n",
        (System.nanoTime() - start) / 1e9);
    assertThat(archives("ha-exporters"))
        .as("recorded when it stopped: %s", services.get("ha-exporters").logText())
        .hasSize(1)
        .allMatch(name -> name.endsWith(".jsa"));
    for (String unit : UNITS.keySet()) {
      if (!unit.equals("ha-exporters")) {
        assertThat(archives(unit)).as("%s with HA_EXPORTERS_APPCDS=no", unit).isEmpty();
      }
    }
  }

  @Test
  @Order(7)
  void laterStartsMapTheArchiveAndABrokenArchiveDoesNotStopAStart() throws Exception {
    String unit = "ha-exporters";
    List<String> recorded = archives(unit);
    assertThat(recorded).as("recorded by the previous test").hasSize(1);
    String archive = "/var/cache/ha-exporters/" + recorded.get(0);

    int port = PortAllocator.freeLoopbackPort();
    ManagedProcess service = startUnit(unit, port, "with-archive");
    awaitMetrics(unit, service, port);
    assertThat(Files.readString(Path.of("/proc/" + service.pid() + "/maps")))
        .as("the JVM maps the archive")
        .contains(archive);
    assertThat(service.stop(Duration.ofSeconds(30))).isEqualTo(143);

    // a damaged archive (disk trouble, a foreign file): the JVM starts without it
    Files.write(root.path(archive), new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'j', 's', 'a'});
    port = PortAllocator.freeLoopbackPort();
    ManagedProcess broken = startUnit(unit, port, "broken-archive");
    awaitMetrics(unit, broken, port);
    assertThat(Files.readString(Path.of("/proc/" + broken.pid() + "/maps")))
        .doesNotContain(archive);
    assertThat(broken.stop(Duration.ofSeconds(30))).isEqualTo(143);
  }

  @Test
  @Order(8)
  void anUpgradeKeepsChangedConfigurationAndDropsTheArchivesOfTheOldJars() throws IOException {
    Path defaults = root.path("/etc/default/ha-exporters");
    String changed = Files.readString(defaults).replace("ARGS=\"\"", "ARGS=\"--log.level=debug\"");
    Files.writeString(defaults, changed);
    assertThat(archives("ha-exporters")).isNotEmpty();

    // installing the package over itself runs the upgrade path of dpkg and of the scripts
    root.runOrThrow(
        DPKG_TIMEOUT,
        "env",
        "DEBIAN_FRONTEND=noninteractive",
        "dpkg",
        "-i",
        BuiltPackages.deb(BuiltPackages.EXPORTERS).toString());

    assertThat(Files.readString(defaults)).isEqualTo(changed);
    assertThat(archives("ha-exporters")).isEmpty();
    assertThat(ownerAndMode("/etc/ha-exporters/ha-exporters.yml"))
        .isEqualTo("root ha-exporters 640");
  }

  @Test
  @Order(9)
  void prometheusLoadsTheInstalledRules() throws IOException {
    List<String> ruleFiles;
    try (Stream<Path> list = Files.list(root.path("/etc/prometheus/rules/homelab-ha"))) {
      ruleFiles = list.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(ruleFiles)
        .contains("keepalived.rules.yml", "sync.rules.yml", "monitoring.rules.yml");

    // the shipped example, and Debian's default configuration with the one documented line added
    Path config = root.path("/tmp").resolve("ha-exporters-it-prometheus.yml");
    String debianDefault = "/etc/prometheus/prometheus.yml";
    String base =
        Files.exists(root.path(debianDefault))
            ? Files.readString(root.path(debianDefault)).replaceAll("(?m)^rule_files:.*$", "")
            : "";
    Files.writeString(
        config, base + "\nrule_files:\n  - /etc/prometheus/rules/homelab-ha/*.rules.yml\n");
    try {
      for (String file :
          List.of(
              "/usr/share/ha-exporters-monitoring/examples/prometheus/prometheus.yml",
              "/tmp/ha-exporters-it-prometheus.yml")) {
        ProcessResult check = root.run(JVM_TIMEOUT, "promtool", "check", "config", file);
        String output = check.stdout() + check.stderr();
        assertThat(check.exitCode()).as(output).isZero();
        assertThat(output).contains("SUCCESS: " + ruleFiles.size() + " rule files found");
        for (String rules : ruleFiles) {
          assertThat(output).contains("Checking /etc/prometheus/rules/homelab-ha/" + rules);
        }
      }
    } finally {
      Files.deleteIfExists(config);
    }
  }

  @Test
  @Order(10)
  void alertmanagerFindsTheInstalledTemplate() throws IOException {
    // the example, copied to /etc/prometheus as the README says: here into a directory of the test
    // whose alertmanager_templates is Debian's directory
    Path dir = root.path("/tmp").resolve("ha-exporters-it-alertmanager");
    Files.createDirectories(dir);
    try {
      Files.copy(
          root.path("/usr/share/ha-exporters-monitoring/examples/alertmanager/alertmanager.yml"),
          dir.resolve("alertmanager.yml"));
      Files.createSymbolicLink(
          dir.resolve("alertmanager_templates"), Path.of("/etc/prometheus/alertmanager_templates"));
      ProcessResult check =
          root.run(
              JVM_TIMEOUT,
              "/usr/share/ha-exporters-monitoring/examples/alertmanager/check-alertmanager-config.sh",
              "/tmp/ha-exporters-it-alertmanager/alertmanager.yml");
      assertThat(check.exitCode()).as(check.stdout() + check.stderr()).isZero();
      assertThat(check.stdout()).contains("SUCCESS").contains("OK: 1 template path(s)");

      // Debian's default configuration reads /etc/prometheus/alertmanager_templates/*.tmpl
      ProcessResult render =
          root.run(
              JVM_TIMEOUT,
              "amtool",
              "template",
              "render",
              "--template.glob=/etc/prometheus/alertmanager_templates/*.tmpl",
              "--template.text={{ template \"homelabha.telegram.message\" . }}");
      assertThat(render.exitCode()).as(render.stderr()).isZero();
    } finally {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(dir);
    }
  }

  @Test
  @Order(11)
  void purgeRemovesEverythingTheInstallationAdded() {
    String uid =
        root.runOrThrow(JVM_TIMEOUT, "getent", "passwd", USER).stdout().strip().split(":")[2];
    root.runOrThrow(
        DPKG_TIMEOUT, "dpkg", "--purge", BuiltPackages.EXPORTERS, BuiltPackages.MONITORING);
    assertThat(isInstalled(BuiltPackages.EXPORTERS)).isFalse();
    assertThat(isInstalled(BuiltPackages.MONITORING)).isFalse();
    if (root.run(JVM_TIMEOUT, "getent", "passwd", USER).exitCode() == 0) {
      // deluser rightly refuses to remove a user whose uid has processes. Ours are all stopped;
      // processes are shared with the machine, where another installation's exporters may run
      // under the same uid number.
      String processes = root.run(JVM_TIMEOUT, "ps", "-o", "pid=,args=", "-u", uid).stdout();
      assertThat(processes)
          .as("user %s (uid %s) not removed, yet none of its processes runs", USER, uid)
          .isNotBlank();
      System.out.printf(
          "purge kept user %s: processes of uid %s outside the test:%n%s", USER, uid, processes);
    } else {
      assertThat(root.run(JVM_TIMEOUT, "getent", "group", USER).exitCode()).isNotZero();
    }
    // a user left behind by that refusal is in the user database, not in the files compared below

    Set<String> after = snapshot();
    Set<String> added = new TreeSet<>(after);
    added.removeAll(filesBefore);
    Set<String> removed = new TreeSet<>(filesBefore);
    removed.removeAll(after);
    // The overlays show the machine's own files as they are now, and the packages never touch the
    // machine itself: a path added inside that the machine has too, or removed inside that the
    // machine no longer has, changed on the machine meanwhile (other builds, apt).
    added.removeIf(path -> Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS));
    removed.removeIf(path -> !Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS));
    assertThat(added).as("left behind by install + purge").isEmpty();
    assertThat(removed).as("removed by install + purge").isEmpty();
  }

  private ManagedProcess startUnit(String unit, int port, String run) throws IOException {
    return startUnit(unit, port, run, Map.of());
  }

  private ManagedProcess startUnit(
      String unit, int port, String run, Map<String, String> extraEnvironment) throws IOException {
    UnitFile unitFile = UnitFile.read(root.path("/lib/systemd/system/" + unit + ".service"));
    String runtime = "/run/" + unitFile.value("Service.RuntimeDirectory");
    root.runOrThrow(JVM_TIMEOUT, "install", "-d", "-o", USER, "-g", USER, "-m", "0700", runtime);
    String listen = "--web.listen-address=127.0.0.1:" + port;
    // the all-in-one unit runs the exporters of its file; its keepalived section gets the port
    List<String> extra =
        unit.equals("ha-exporters") ? List.of("keepalived", listen) : List.of(listen);
    return start(
        unit + "-" + run, ServiceCommand.of(unitFile, Path.of(runtime), extraEnvironment, extra));
  }

  private ManagedProcess start(String name, List<String> command) {
    ManagedProcess process = root.start(command, work.resolve("logs").resolve(name + ".log"));
    running.add(process);
    return process;
  }

  private void awaitMetrics(String unit, ManagedProcess service, int port) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
            .timeout(Duration.ofSeconds(10))
            .build();
    await(unit + " serving /metrics on " + port)
        .atMost(JVM_TIMEOUT)
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptionsInstanceOf(IOException.class)
        .until(
            () -> {
              if (!service.isAlive()) {
                throw new AssertionError(unit + " exited: " + service.logText());
              }
              HttpResponse<String> response =
                  http.send(request, HttpResponse.BodyHandlers.ofString());
              return response.statusCode() == 200
                  && response.body().contains("_exporter_build_info")
                  && response.body().contains("jvm_memory_used_bytes");
            });
  }

  /** The unit's AppCDS archives (and unfinished recordings) in its cache directory. */
  private List<String> archives(String unit) throws IOException {
    try (Stream<Path> files = Files.list(root.path("/var/cache/ha-exporters"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(name -> name.startsWith(unit + "-") && name.contains(".jsa"))
          .sorted()
          .toList();
    }
  }

  private String ownerAndMode(String path) {
    return root.runOrThrow(JVM_TIMEOUT, "stat", "-c", "%U %G %a", path).stdout().strip();
  }

  private boolean isInstalled(String name) {
    ProcessResult status =
        root.run(JVM_TIMEOUT, "dpkg-query", "-W", "-f=${db:Status-Status}", name);
    return status.exitCode() == 0 && !status.stdout().strip().equals("not-installed");
  }

  private Set<String> conffiles(String name) {
    Set<String> conffiles = new TreeSet<>();
    String out =
        root.runOrThrow(JVM_TIMEOUT, "dpkg-query", "-W", "-f=${Conffiles}\n", name).stdout();
    for (String line : out.lines().toList()) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty()) {
        conffiles.add(trimmed.split("\\s+")[0]);
      }
    }
    return conffiles;
  }

  private Set<String> snapshot() {
    String prefix = root.path("").toString();
    List<Path> roots = WATCHED.stream().map(p -> root.path(p.toString())).toList();
    List<Path> skipped = NOT_COMPARED.stream().map(root::path).toList();
    Set<String> paths = new TreeSet<>();
    for (String path : FileTreeSnapshot.of(roots, skipped)) {
      String inside = path.substring(prefix.length());
      // backups adduser and deluser keep of the user database
      if (!inside.matches("/etc/(passwd|group|shadow|gshadow|subuid|subgid)-")) {
        paths.add(inside);
      }
    }
    return paths;
  }
}
