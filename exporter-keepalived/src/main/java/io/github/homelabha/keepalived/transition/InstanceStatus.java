package io.github.homelabha.keepalived.transition;

/**
 * What the tracker currently believes about one instance.
 *
 * @param state state name; from the newest of dump and FIFO
 * @param priority effective priority, -1 if unknown
 * @param sinceMillis when the current state began (epoch ms), 0 if unknown
 */
public record InstanceStatus(
    String name, String vrid, String state, int priority, long sinceMillis) {}
