package io.github.homelabha.drill.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a drill, as written to {@code --report.json}.
 *
 * @param reason a refusal's or failure's reason code (a refusal's is its {@code drill_refusal_info}
 *     label value)
 * @param message what happened, in words
 * @param finishedAt when the drill ended, ISO-8601 UTC
 * @param failover the failover; null when the drill was refused
 * @param restore the way back; null when it was not measured
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "drill",
  "result",
  "reason",
  "message",
  "instance",
  "finished_at",
  "old_master",
  "new_master",
  "switch_seconds",
  "services",
  "restore"
})
public record DrillReport(
    String drill,
    Result result,
    String reason,
    String message,
    String instance,
    String finishedAt,
    @JsonIgnore PhaseReport failover,
    PhaseReport restore) {

  /** pass, fail or refused. */
  public enum Result {
    PASS(0),
    FAIL(1),
    REFUSED(2);

    private final int exitCode;

    Result(int exitCode) {
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }

    @JsonValue
    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static DrillReport refused(
      String drill, String reason, String message, String finishedAt) {
    return new DrillReport(drill, Result.REFUSED, reason, message, null, finishedAt, null, null);
  }

  /** The MASTER before the failover; absent for a refused drill. */
  @JsonProperty("old_master")
  String oldMaster() {
    return failover == null ? null : failover.oldMaster();
  }

  /** The MASTER after the failover. */
  @JsonProperty("new_master")
  String newMaster() {
    return failover == null ? null : failover.newMaster();
  }

  @JsonProperty("switch_seconds")
  Double switchSeconds() {
    return failover == null ? null : failover.switchSeconds();
  }

  @JsonProperty("services")
  List<ServiceResult> services() {
    return failover == null ? null : failover.services();
  }

  /** The failover's figures per service; empty for a refused drill. */
  @JsonIgnore
  public List<ServiceResult> failoverServices() {
    return failover == null ? List.of() : failover.services();
  }
}
