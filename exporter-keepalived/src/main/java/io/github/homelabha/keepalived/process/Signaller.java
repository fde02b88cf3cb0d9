package io.github.homelabha.keepalived.process;

import io.github.homelabha.core.api.ScrapeException;
import java.util.List;

/** Sends signals by number to a verified keepalived process. */
public interface Signaller {

  /**
   * Sends {@code signals} to {@code process}, but only if it is still the very process that was
   * verified (same pid and start time): a pid reused in between must never receive them.
   */
  void sendAll(KeepalivedProcess process, List<Integer> signals) throws ScrapeException;

  /** Signals through libc when it can be loaded, else with the {@code kill} command. */
  static Signaller best(ProcessVerifier verifier) {
    return NativeSignaller.load(verifier).orElseGet(() -> new CommandSignaller("kill", verifier));
  }
}
