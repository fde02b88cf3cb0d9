package io.github.homelabha.keepalived.dump;

/** A {@code vrrp_sync_group} and the state keepalived keeps for the whole group. */
public record SyncGroup(String name, VrrpState state) {}
