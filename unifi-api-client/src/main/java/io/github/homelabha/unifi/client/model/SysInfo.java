package io.github.homelabha.unifi.client.model;

/**
 * The controller's version ({@code stat/sysinfo}); Network 10 no longer reports it in {@code
 * /status}. Only these fields are read: sysinfo also carries secrets such as {@code sso_app_sec}.
 *
 * @param consoleVersion the UniFi OS version ({@code console_display_version}), empty on classic
 */
public record SysInfo(String version, String build, String hostname, String consoleVersion) {}
