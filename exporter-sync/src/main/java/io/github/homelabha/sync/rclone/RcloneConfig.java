package io.github.homelabha.sync.rclone;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Secret;
import io.github.homelabha.core.api.Validatable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** rclone: a remote-control endpoint ({@code rclone rcd} or {@code --rc}) and/or JSON log files. */
public final class RcloneConfig implements Validatable {
  /** Base URL of the rc API, e.g. {@code http://127.0.0.1:5572}; empty disables it. */
  public String url = "";

  /** rc user name when rclone runs with {@code --rc-user}/{@code --rc-pass}. */
  public String user = "";

  /** rc password (or {@code password_file}). core/stats works without auth on a default rc. */
  public Secret password;

  /** Per request. */
  public Duration timeout = Duration.ofSeconds(3);

  /** One-shot runs (cron, timers) that log with {@code --use-json-log --log-file=...}. */
  public List<RcloneJobConfig> jobs = new ArrayList<>();

  /** Where the last results of the jobs are kept across exporter restarts. */
  public String stateFile = "/var/lib/prometheus-sync-exporter/rclone-jobs.json";

  /**
   * A run whose log has been quiet this long counts as finished even if an rclone process with the
   * same log file still runs. Must exceed rclone's {@code --stats} interval (default 1m).
   */
  public Duration settle = Duration.ofSeconds(90);

  public boolean rcEnabled() {
    return !url.isEmpty();
  }

  @Override
  public void validate(ConfigProblems problems) {
    if (!url.isEmpty()) {
      try {
        URI uri = URI.create(url);
        problems.require(
            ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                && uri.getHost() != null,
            "url",
            "must be an http(s) URL with a host, e.g. http://127.0.0.1:5572");
      } catch (IllegalArgumentException e) {
        // The parser's message quotes the URL, which may carry a password: say only where.
        problems.add(
            "url",
            e.getCause() instanceof URISyntaxException u
                ? "not a URL: " + u.getReason() + " at character " + (u.getIndex() + 1)
                : "not a URL");
      }
    }
    problems.require(timeout != null && timeout.toMillis() > 0, "timeout", "must be positive");
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
