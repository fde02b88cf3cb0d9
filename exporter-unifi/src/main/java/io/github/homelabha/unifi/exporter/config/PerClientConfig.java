package io.github.homelabha.unifi.exporter.config;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Validatable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Series per client ({@code unifi_client_*}). Off by default: every client is a set of series, and
 * phones come and go. {@code macs} limits them to named clients (the cluster's nodes, say); {@code
 * max} caps them in any case.
 */
public final class PerClientConfig implements Validatable {
  public boolean enabled = false;
  public int max = 50;
  public List<String> macs = new ArrayList<>();

  @Override
  public void validate(ConfigProblems problems) {
    problems.require(max >= 0 && max <= 5000, "max", "must be between 0 and 5000");
    for (int i = 0; i < macs.size(); i++) {
      problems.require(
          macs.get(i).matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}"),
          "macs[" + i + "]",
          "not a MAC address like aa:bb:cc:dd:ee:ff");
    }
  }

  public List<String> normalizedMacs() {
    return macs.stream().map(m -> m.toLowerCase(Locale.ROOT)).toList();
  }
}
