package io.github.homelabha.unifi.client.model;

/** A controller event ({@code stat/event}), e.g. {@code EVT_WU_Connected}. */
public record Event(String id, String key, String subsystem, long timeMillis, String message) {}
