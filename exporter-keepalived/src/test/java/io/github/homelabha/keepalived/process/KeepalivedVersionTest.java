package io.github.homelabha.keepalived.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeepalivedVersionTest {

  @Test
  void readsTheVersionLineKeepalivedPrints() {
    assertThat(
            KeepalivedVersion.parse(
                "Keepalived v2.2.7 (01/16,2022)\n\nCopyright(C) 2001-2022 Alexandre Cassen\n"))
        .contains("2.2.7");
    assertThat(KeepalivedVersion.parse("Keepalived v1.3.5 (03/19,2017), git commit v1.3.5-6"))
        .contains("1.3.5");
    assertThat(KeepalivedVersion.parse("command not found")).isEmpty();
  }

  @Test
  void aMissingBinaryGivesNoVersion() {
    assertThat(KeepalivedVersion.of("/nonexistent/keepalived")).isEmpty();
  }
}
