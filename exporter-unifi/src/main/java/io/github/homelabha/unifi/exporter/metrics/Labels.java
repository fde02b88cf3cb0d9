package io.github.homelabha.unifi.exporter.metrics;

/** Label values from controller data: never empty where a name is expected. */
final class Labels {
  private Labels() {}

  /** The device's name, or its MAC for devices never named in the UI. */
  static String deviceName(String name, String mac) {
    return name.isBlank() ? mac : name;
  }

  /** Wi-Fi band from the controller's radio code. */
  static String band(String radio) {
    return switch (radio) {
      case "ng" -> "2.4GHz";
      case "na" -> "5GHz";
      case "6e" -> "6GHz";
      default -> radio.isEmpty() ? "unknown" : radio;
    };
  }
}
