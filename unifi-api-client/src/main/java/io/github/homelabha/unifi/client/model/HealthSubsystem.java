package io.github.homelabha.unifi.client.model;

/**
 * One row of {@code stat/health}: the status of a subsystem ({@code wan}, {@code www}, {@code
 * wlan}, {@code lan}, {@code vpn}). Each subsystem fills only some fields; the rest are NaN.
 *
 * @param status {@code ok}, {@code warning}, {@code error}, {@code unknown}
 * @param latencyMs {@code www}: latency to the internet
 * @param speedtestUpMbps {@code www}: last speed test upload ({@code xput_up})
 */
public record HealthSubsystem(
    String subsystem,
    String status,
    double latencyMs,
    double speedtestUpMbps,
    double speedtestDownMbps,
    double rxBytesPerSecond,
    double txBytesPerSecond,
    double users,
    double adopted,
    double disconnected,
    double pending) {

  public boolean ok() {
    return "ok".equals(status);
  }
}
