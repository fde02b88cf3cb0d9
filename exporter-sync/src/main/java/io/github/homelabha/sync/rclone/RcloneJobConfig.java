package io.github.homelabha.sync.rclone;

import java.util.LinkedHashMap;
import java.util.Map;

/** One scheduled rclone command and the JSON log file it writes. */
public final class RcloneJobConfig {
  /** The {@code job} label. */
  public String name = "";

  /** The {@code --log-file} of the rclone command (run with {@code --use-json-log -v}). */
  public String logFile = "";

  /** Parses the {@code --rclone.job=NAME:LOG_FILE} flag value into the YAML shape. */
  public static Map<String, Object> parseFlag(String value) {
    String[] parts = value.split(":", 2);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new IllegalArgumentException(
          "--rclone.job wants NAME:LOG_FILE (e.g. grafana:/var/log/rclone-grafana.json), got '"
              + value
              + "'");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", parts[0]);
    map.put("log_file", parts[1]);
    return map;
  }
}
