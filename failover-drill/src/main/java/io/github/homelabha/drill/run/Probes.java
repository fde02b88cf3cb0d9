package io.github.homelabha.drill.run;

import io.github.homelabha.drill.config.HostPort;
import io.github.homelabha.drill.config.ServiceConfig;
import io.github.homelabha.drill.probe.DnsProbe;
import io.github.homelabha.drill.probe.HttpProbe;
import io.github.homelabha.drill.probe.Probe;
import io.github.homelabha.drill.probe.TcpProbe;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds each configured service's probe. */
final class Probes {
  private Probes() {}

  static Map<String, Probe> of(List<ServiceConfig> services) {
    Map<String, Probe> out = new LinkedHashMap<>();
    for (ServiceConfig s : services) {
      Probe probe;
      if (s.http != null) {
        probe = new HttpProbe(s.http.url, s.http.expectStatus, s.http.expectBody);
      } else if (s.tcp != null) {
        probe = new TcpProbe(HostPort.parse(s.tcp.address, 0));
      } else {
        probe =
            new DnsProbe(HostPort.parse(s.dns.server, 53), s.dns.query, s.dns.type, s.dns.expect);
      }
      out.put(s.name, probe);
    }
    return out;
  }
}
