package io.github.homelabha.core.testkit.upstream;

import io.github.homelabha.core.testkit.ParsedMetrics;
import io.github.homelabha.core.testkit.RunningExporter;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * What an HTTP exporter gives {@link UpstreamFaultSuite} to be tested against a broken upstream.
 */
public interface HttpExporterUnderTest {

  /** Row label of the fault matrix, e.g. {@code rclone}. */
  String name();

  /** The exporter's metric namespace, e.g. {@code sync} for {@code sync_up}. */
  String namespace();

  /** The target that asks the fake upstream. */
  String target();

  /** Another target of the same exporter, which must stay up whatever the upstream does. */
  String otherTarget();

  /** Largest answer the exporter reads from this upstream; the oversized fault sends more. */
  long maxBodyBytes();

  /** The healthy upstream's answer to {@code request}. */
  MockResponse answer(RecordedRequest request);

  /**
   * Starts the exporter with its target pointed at the fake ({@link FaultSuiteUpstream#yaml}) and
   * the other target configured.
   */
  RunningExporter start(FaultSuiteUpstream upstream) throws Exception;

  /**
   * A documented exception to "up 0 with the fault's reason": a sample that shows the fault while
   * the target stays up (e.g. an API that is absent by design between runs).
   */
  default Optional<DocumentedAlternative> alternative(UpstreamFault fault) {
    return Optional.empty();
  }

  /** The target stays up and {@code sample} (with the target label) has {@code value}. */
  record DocumentedAlternative(String sample, double value) {
    boolean shownBy(ParsedMetrics metrics, String target) {
      return metrics.value(sample, "target", target).orElse(Double.NaN) == value;
    }
  }
}
