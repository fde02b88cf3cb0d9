package io.github.homelabha.keepalived.transition;

import java.util.Locale;

/**
 * Why a VRRP instance changed state, as far as the exporter can tell. The set is fixed so the
 * {@code reason} label stays bounded.
 */
public enum TransitionReason {
  /** A tracked script failed or recovered: its weight changed our priority, or it faulted us. */
  TRACK_SCRIPT,
  /** A tracked interface (or the instance's own interface) went down or came back. */
  INTERFACE,
  /** A higher-priority router took over from us, or our priority rose above the master's. */
  PREEMPTED,
  /** The master stopped advertising: the master down timer expired. */
  PEER_LOST,
  /** The master announced it is giving up (priority 0 advert: it stopped or faulted). */
  PRIORITY_ZERO,
  /** keepalived stopped (STOP/DELETED on the FIFO). */
  STOPPED,
  /** keepalived (re)started or reloaded its configuration. */
  RELOAD,
  /** Not enough information (e.g. FIFO-only mode without dumps). */
  UNKNOWN;

  /** The label value, e.g. {@code track_script}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
