package io.github.homelabha.drill.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One service's result in one phase.
 *
 * @param interruptionSeconds for a service that never came back: how long it was down at least
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "interruption_seconds", "failed_probes", "probes", "verdict"})
public record ServiceResult(
    String name,
    Double interruptionSeconds,
    int failedProbes,
    int probes,
    Verdict verdict,
    @JsonIgnore double maxInterruptionSeconds) {

  /** Within its max_interruption and back up for settle. */
  public boolean ok() {
    return verdict == Verdict.PASS;
  }
}
