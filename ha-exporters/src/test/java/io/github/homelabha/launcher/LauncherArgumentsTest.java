package io.github.homelabha.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LauncherArgumentsTest {

  @Test
  void commonFlagsGoToEveryExporterUnlessItsOwnFlagSetsThem() throws Exception {
    LauncherArguments a =
        LauncherArguments.parse(
            new String[] {
              "--config.file=/etc/ha.yml",
              "--log.level",
              "debug",
              "--web.disable-exporter-metrics",
              "keepalived",
              "--keepalived.notify-fifo=/run/ka.fifo",
              "sync",
              "--log.level=warn",
              "--sync.pair=a:source:/a"
            });
    assertThat(a.segments()).containsOnlyKeys("keepalived", "sync");
    assertThat(a.argsFor("keepalived"))
        .containsExactly(
            "--log.level=debug",
            "--web.disable-exporter-metrics=true",
            "--keepalived.notify-fifo=/run/ka.fifo");
    assertThat(a.argsFor("sync"))
        .containsExactly(
            "--web.disable-exporter-metrics=true", "--log.level=warn", "--sync.pair=a:source:/a");
    assertThat(a.common()).containsEntry("--config.file", "/etc/ha.yml");
  }

  @Test
  void anExporterWithoutFlagsOrOnlyAFileIsFine() throws Exception {
    LauncherArguments a = LauncherArguments.parse(new String[] {"--config.file=x.yml"});
    assertThat(a.segments()).isEmpty();
    assertThat(a.argsFor("sync")).isEmpty();
    assertThat(LauncherArguments.parse(new String[] {"sync"}).segments()).containsKey("sync");
  }

  @Test
  void helpAndVersionAreRecognisedBeforeTheFirstExporter() throws Exception {
    assertThat(LauncherArguments.parse(new String[] {"--help"}).help()).isTrue();
    assertThat(LauncherArguments.parse(new String[] {"--version"}).version()).isTrue();
    // After an exporter's name, --help belongs to that exporter.
    LauncherArguments a = LauncherArguments.parse(new String[] {"sync", "--help"});
    assertThat(a.help()).isFalse();
    assertThat(a.argsFor("sync")).containsExactly("--help");
  }

  @Test
  void mistakesAreNamed() {
    assertThatThrownBy(() -> LauncherArguments.parse(new String[] {"bind9"}))
        .hasMessageContaining("unknown exporter \"bind9\"")
        .hasMessageContaining("keepalived, sync, adguard, unifi");
    assertThatThrownBy(() -> LauncherArguments.parse(new String[] {"--sync.pair=a:source:/a"}))
        .hasMessageContaining("unknown flag --sync.pair")
        .hasMessageContaining("after its name");
    assertThatThrownBy(() -> LauncherArguments.parse(new String[] {"--web.listen-address=:1"}))
        .hasMessageContaining("unknown flag --web.listen-address");
    assertThatThrownBy(() -> LauncherArguments.parse(new String[] {"sync", "keepalived", "sync"}))
        .hasMessageContaining("sync is named twice");
    assertThatThrownBy(() -> LauncherArguments.parse(new String[] {"--log.level"}))
        .hasMessageContaining("--log.level needs a value");
  }
}
