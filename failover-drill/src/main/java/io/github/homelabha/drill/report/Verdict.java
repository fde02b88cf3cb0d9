package io.github.homelabha.drill.report;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A service's or a drill's outcome, written in lower case. */
public enum Verdict {
  PASS,
  FAIL;

  @JsonValue
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}
