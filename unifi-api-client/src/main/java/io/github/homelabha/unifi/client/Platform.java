package io.github.homelabha.unifi.client;

/** Which kind of controller serves the Network application. */
public enum Platform {
  /**
   * Find out with a cookie-less {@code GET /}: 200 is UniFi OS, a redirect a classic controller.
   */
  AUTO,
  /** Self-hosted Network application: {@code /api/login}, paths without prefix. */
  CLASSIC,
  /**
   * Console (UDM, UCG, Cloud Key G2, UniFi OS Server): {@code /api/auth/login}, {@code
   * /proxy/network}.
   */
  UNIFI_OS
}
