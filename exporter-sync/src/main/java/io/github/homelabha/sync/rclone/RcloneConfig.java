package io.github.homelabha.sync.rclone;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.upstream.HttpUpstreamConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * rclone: a remote-control endpoint ({@code rclone rcd} or {@code --rc}) and/or JSON log files. The
 * rc API is an HTTP upstream like any other: {@code url} (empty disables it), {@code timeout} (per
 * request, default 3s), {@code basic_auth} for {@code --rc-user}/{@code --rc-pass}, {@code
 * tls_config} for {@code --rc-cert}.
 */
public final class RcloneConfig extends HttpUpstreamConfig {

  /** One-shot runs (cron, timers) that log with {@code --use-json-log --log-file=...}. */
  public List<RcloneJobConfig> jobs = new ArrayList<>();

  /** Where the last results of the jobs are kept across exporter restarts. */
  public String stateFile = "/var/lib/prometheus-sync-exporter/rclone-jobs.json";

  /**
   * A run whose log has been quiet this long counts as finished even if an rclone process with the
   * same log file still runs. Must exceed rclone's {@code --stats} interval (default 1m).
   */
  public Duration settle = Duration.ofSeconds(90);

  public RcloneConfig() {
    timeout = Duration.ofSeconds(3);
  }

  public boolean rcEnabled() {
    return !url.isEmpty();
  }

  @Override
  protected boolean urlRequired() {
    return false;
  }

  @Override
  public void validate(ConfigProblems problems) {
    super.validate(problems);
    problems.require(settle != null && settle.toMillis() > 0, "settle", "must be positive");
    Set<String> names = new HashSet<>();
    for (int i = 0; i < jobs.size(); i++) {
      RcloneJobConfig job = jobs.get(i);
      String at = "jobs[" + i + "]";
      if (job == null) {
        problems.add(at, "empty entry");
        continue;
      }
      problems.require(
          job.name != null && job.name.matches("[A-Za-z0-9_.-]{1,64}"),
          at + ".name",
          "must be 1-64 letters, digits, _ . -");
      problems.require(
          job.logFile != null && job.logFile.startsWith("/"),
          at + ".log_file",
          "must be an absolute path");
      if (job.name != null && !names.add(job.name)) {
        problems.add(at + ".name", "duplicate job name " + job.name);
      }
    }
    problems.require(
        jobs.isEmpty() || stateFile.startsWith("/"), "state_file", "must be an absolute path");
  }
}
