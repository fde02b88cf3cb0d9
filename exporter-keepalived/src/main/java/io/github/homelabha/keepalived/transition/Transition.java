package io.github.homelabha.keepalived.transition;

/**
 * One recorded state change of a VRRP instance.
 *
 * @param target the exporter target (keepalived process) it belongs to
 * @param vrid the virtual router id as text, empty when unknown (FIFO-only without dumps)
 * @param from the previous state name ({@code MASTER}, ...), {@code UNKNOWN} when not known
 * @param to the new state name
 * @param script the track script that caused it, empty unless {@code reason} is track_script
 * @param priority the instance's effective priority reported with the change, -1 if unknown
 * @param basePriority the configured priority, -1 if unknown
 */
public record Transition(
    long timeMillis,
    String target,
    String instance,
    String vrid,
    String from,
    String to,
    TransitionReason reason,
    String script,
    int priority,
    int basePriority) {}
