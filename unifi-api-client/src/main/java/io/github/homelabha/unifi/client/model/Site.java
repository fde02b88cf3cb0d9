package io.github.homelabha.unifi.client.model;

/**
 * A site of the controller ({@code /api/self/sites}).
 *
 * @param name the short name used in paths ({@code default}), not the display name
 * @param description the display name ({@code desc})
 */
public record Site(String id, String name, String description, String role) {}
