package io.github.homelabha.keepalived.process;

/**
 * A running keepalived process found through its pid file and checked to really be keepalived.
 *
 * @param pid the process id from the pid file
 * @param startTicks the process start time (field 22 of {@code /proc/PID/stat}); a changed value
 *     for the same pid file means keepalived was restarted
 * @param uid the user it runs as (root, unless started otherwise): besides root the only owner
 *     whose dump files are trusted
 */
public record KeepalivedProcess(long pid, long startTicks, int uid) {}
