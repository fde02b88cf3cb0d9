package io.github.homelabha.unifi.client.model;

/** An alarm ({@code list/alarm}); archived alarms were acknowledged in the UI. */
public record Alarm(
    String id, String key, String subsystem, long timeMillis, boolean archived, String message) {}
