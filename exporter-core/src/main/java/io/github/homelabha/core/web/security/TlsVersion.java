package io.github.homelabha.core.web.security;

import java.util.Arrays;
import java.util.Optional;

/** The TLS versions a web config file names ({@code TLS10}..{@code TLS13}), in order. */
public enum TlsVersion {
  TLS10("TLS10", "TLSv1"),
  TLS11("TLS11", "TLSv1.1"),
  TLS12("TLS12", "TLSv1.2"),
  TLS13("TLS13", "TLSv1.3");

  private final String configName;
  private final String jsseName;

  TlsVersion(String configName, String jsseName) {
    this.configName = configName;
    this.jsseName = jsseName;
  }

  public String configName() {
    return configName;
  }

  /** The protocol name JSSE and Jetty use. */
  public String jsseName() {
    return jsseName;
  }

  static Optional<TlsVersion> fromConfigName(String name) {
    return Arrays.stream(values()).filter(v -> v.configName.equals(name)).findFirst();
  }

  static String allowedNames() {
    return String.join(", ", Arrays.stream(values()).map(TlsVersion::configName).toList());
  }
}
