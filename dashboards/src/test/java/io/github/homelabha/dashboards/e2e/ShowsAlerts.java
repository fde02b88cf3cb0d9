package io.github.homelabha.dashboards.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The shipped alerts an end-to-end case brings to pending, firing or Telegram on real exporters and
 * a real Prometheus, and asserts there. {@link EndToEndAlertCoverageTest} checks that every shipped
 * alert is named by a case or exempted with a reason.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface ShowsAlerts {
  String[] value();
}
