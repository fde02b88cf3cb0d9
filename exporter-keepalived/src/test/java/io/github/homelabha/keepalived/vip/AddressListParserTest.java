package io.github.homelabha.keepalived.vip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressListParserTest {
  private static final String IP_J =
      "[{\"ifindex\":1,\"ifname\":\"lo\",\"addr_info\":[{\"family\":\"inet\",\"local\":\"127.0.0.1\"}]},"
          + "{\"ifindex\":6,\"ifname\":\"eth0\",\"addr_info\":[{\"family\":\"inet\",\"local\":"
          + "\"192.0.2.100\",\"prefixlen\":24},{\"family\":\"inet6\",\"local\":\"fd00:db8:0::100\"}]},"
          + "{\"ifindex\":7,\"ifname\":\"vrrp.51\"}]";

  @Test
  void findsAddressesPerInterface() throws Exception {
    HostAddresses h = AddressListParser.parse(IP_J);

    assertThat(h.has("eth0", "192.0.2.100")).isTrue();
    assertThat(h.has("lo", "192.0.2.100")).isFalse();
    assertThat(h.has("eth0", "192.0.2.101")).isFalse();
    assertThat(h.has("eth0", "fd00:db8::100")).isTrue(); // spelled differently by ip and keepalived
    assertThat(h.has("", "127.0.0.1")).isTrue();
  }

  @Test
  void rejectsOtherOutput() {
    assertThatThrownBy(() -> AddressListParser.parse("Object \"addr\" is unknown"))
        .isInstanceOf(AddressListParser.AddressListException.class);
    assertThatThrownBy(() -> AddressListParser.parse("{}"))
        .isInstanceOf(AddressListParser.AddressListException.class);
  }
}
