package io.github.homelabha.sync.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.testkit.MutableClock;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleResolverTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T18:00:00Z"));
  final Set<InetAddress> addresses = new HashSet<>();
  int lookups;
  final LocalAddresses fake =
      () -> {
        lookups++;
        return Set.copyOf(addresses);
      };

  @Test
  void autoFollowsTheVip() throws Exception {
    RoleResolver roles = new RoleResolver("192.0.2.10", fake, Duration.ofSeconds(1), clock);
    assertThat(roles.effective(Role.AUTO)).isEqualTo(Role.REPLICA);
    addresses.add(InetAddress.getByName("192.0.2.10"));
    // cached for a second
    assertThat(roles.effective(Role.AUTO)).isEqualTo(Role.REPLICA);
    clock.advance(Duration.ofMillis(1001));
    assertThat(roles.effective(Role.AUTO)).isEqualTo(Role.SOURCE);
    assertThat(lookups).isEqualTo(2);
    assertThat(roles.effective(Role.REPLICA)).isEqualTo(Role.REPLICA);
    assertThat(roles.effective(Role.SOURCE)).isEqualTo(Role.SOURCE);
  }

  @Test
  void autoWithoutVipIsAnError() {
    RoleResolver roles = new RoleResolver("", fake, Duration.ZERO, clock);
    assertThatThrownBy(() -> roles.effective(Role.AUTO)).hasMessageContaining("role.vip");
  }

  @Test
  void parsesIpAddrOutput() throws Exception {
    String output =
        "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n"
            + "2: eth0    inet 192.0.2.1/24 brd 192.0.2.255 scope global eth0\\       valid_lft forever\n"
            + "2: eth0    inet 192.0.2.10/32 scope global eth0\\       valid_lft forever\n"
            + "2: eth0    inet6 fe80::1/64 scope link \\       valid_lft forever\n";
    assertThat(NamespaceLocalAddresses.parse(output))
        .contains(
            InetAddress.getByName("192.0.2.10"),
            InetAddress.getByName("127.0.0.1"),
            InetAddress.getByName("fe80::1"));
    assertThat(NamespaceLocalAddresses.parse("garbage\n\n: inet\n")).isEmpty();
  }

  @Test
  void ipOutputMutantsNeverThrow() {
    byte[] sample =
        ("1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever\n"
                + "2: eth0    inet 192.0.2.10/32 scope global eth0\\       valid_lft forever\n"
                + "2: eth0    inet6 fe80::1/64 scope link \\       valid_lft forever\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          for (byte[] mutant : io.github.homelabha.core.testkit.Mutations.of(sample, 5L, 5_000)) {
            NamespaceLocalAddresses.parse(
                new String(mutant, java.nio.charset.StandardCharsets.UTF_8));
          }
        });
  }

  @Test
  void validatesVipAndNamespace() {
    RoleConfig config = new RoleConfig();
    config.vip = "nas.local";
    config.netns = "bad name";
    ConfigProblems problems = new ConfigProblems();
    config.validate(problems);
    assertThat(problems.list()).hasSize(2);
  }

  @Test
  void parsesRoles() {
    assertThat(Role.parse("Replica")).isEqualTo(Role.REPLICA);
    assertThatThrownBy(() -> Role.parse("primary")).hasMessageContaining("source, replica or auto");
  }
}
