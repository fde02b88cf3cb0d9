package io.github.homelabha.keepalived.process;

import io.github.homelabha.keepalived.dump.KeepalivedDump;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A dump written by keepalived after our signal and read completely.
 *
 * @param writtenAtMillis modification time of the newest dump file (epoch ms)
 * @param duration from sending the first signal to the end of parsing
 * @param directory where the files were found
 */
public record FreshDump(
    KeepalivedDump dump, long writtenAtMillis, Duration duration, Path directory) {}
