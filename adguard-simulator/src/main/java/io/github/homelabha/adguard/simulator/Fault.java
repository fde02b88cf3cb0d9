package io.github.homelabha.adguard.simulator;

/** How the API misbehaves, switched at run time through {@code POST /simulator/fault}. */
public enum Fault {
  /** Answers normally. */
  NONE,
  /** Holds every API answer for the configured delay before sending it. */
  SLOW,
  /** Answers 200 with bytes that are not JSON. */
  GARBAGE,
  /** Answers 200 with the first half of the real JSON. */
  TRUNCATED,
  /** Answers 500 with a plain-text error. */
  SERVER_ERROR
}
