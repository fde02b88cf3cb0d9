package io.github.homelabha.keepalived.dump;

/**
 * The per-instance counters keepalived keeps since it started (JSON {@code stats} object, or the
 * text stats dump). Names follow the JSON keys.
 */
public record VrrpStats(
    long advertRcvd,
    long advertSent,
    long becomeMaster,
    long releaseMaster,
    long packetLenErr,
    long advertIntervalErr,
    long ipTtlErr,
    long invalidTypeRcvd,
    long addrListErr,
    long invalidAuthtype,
    long authtypeMismatch,
    long authFailure,
    long priZeroRcvd,
    long priZeroSent) {}
