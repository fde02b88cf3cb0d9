package io.github.homelabha.sync.rclone;

/**
 * What is remembered about one job across exporter restarts (serialised to the state file). Times
 * are epoch milliseconds, 0 meaning never.
 */
public final class RcloneJobState {
  /** Identity of the log file read (inode), to notice rotation. */
  public String fileKey = "";

  /** Bytes of the log file already read. */
  public long offset;

  public long lastSuccessMs;
  public long lastRunEndMs;
  public boolean lastRunSuccess;
  public long lastRunErrors;
  public double lastRunBytes;
  public long lastRunTransfers;
  public double lastRunSeconds;
  public String lastError = "";
  public long lastErrorMs;

  public long runsSucceeded;
  public long runsFailed;
  public long errorsTotal;
  public long unparsedLines;

  /** The run being read, null between runs. */
  public Run current;

  /** A run seen in the log but not known to be over yet. */
  public static final class Run {
    public long startMs;
    public long lastLineMs;
    public long errors;
    public double bytes;
    public long transfers;
    public double elapsedSeconds;
    public boolean fatal;
  }
}
