package io.github.homelabha.adguard.faults;

/** The fault suite with {@code auth: basic}: credentials on every request, no login session. */
class BasicAuthFaultSuiteTest extends AdGuardFaultSuiteTest {
  @Override
  protected String auth() {
    return "basic";
  }

  @Override
  protected String matrixName() {
    return "adguard-basic";
  }
}
