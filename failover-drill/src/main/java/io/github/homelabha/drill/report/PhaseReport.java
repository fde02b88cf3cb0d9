package io.github.homelabha.drill.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The failover or the way back.
 *
 * @param newMaster the node that is MASTER at the end of the phase; null when none is alone
 * @param switchSeconds from starting the command to the first exporter reading that showed another
 *     node as MASTER; null when no other node became MASTER
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"old_master", "new_master", "switch_seconds", "services"})
public record PhaseReport(
    String oldMaster, String newMaster, Double switchSeconds, List<ServiceResult> services) {

  public PhaseReport {
    services = List.copyOf(services);
  }

  public boolean servicesOk() {
    return services.stream().allMatch(ServiceResult::ok);
  }
}
