package io.github.homelabha.keepalived.dump;

/** An interface from the text data dump's interface list that VRRP instances track. */
public record TrackedInterface(String name, boolean up) {}
