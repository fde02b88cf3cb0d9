package io.github.homelabha.core.testkit.system;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/** The annotations' wiring: a missing requirement skips here and fails under CI=true. */
class SystemRequirementsExtensionTest {
  private final SystemRequirementsExtension extension = new SystemRequirementsExtension();

  @RequiresBinaries("surely-not-a-program-here")
  void needsAMissingProgram() {}

  @RequiresBinaries("sh")
  void needsOnlyTheShell() {}

  void needsNothing() {}

  @Test
  void aMissingProgramSkipsOrFailsDependingOnCi() throws Exception {
    ExtensionContext context = contextFor("needsAMissingProgram");

    if (SystemRequirements.ciEnvironment()) {
      assertThatThrownBy(() -> extension.beforeEach(context))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("surely-not-a-program-here");
    } else {
      assertThatThrownBy(() -> extension.beforeEach(context))
          .isInstanceOf(TestAbortedException.class)
          .hasMessageContaining("surely-not-a-program-here")
          .hasMessageContaining("sudo ./run-tests.sh");
    }
  }

  @Test
  void presentProgramsAndUnannotatedTestsRun() throws Exception {
    assertThatCode(() -> extension.beforeEach(contextFor("needsOnlyTheShell")))
        .doesNotThrowAnyException();
    assertThatCode(() -> extension.beforeEach(contextFor("needsNothing")))
        .doesNotThrowAnyException();
  }

  @Test
  void classLevelRequirementsAreCheckedBeforeAll() {
    ExtensionContext context = contextForClass(NeedsMissingProgram.Inner.class);

    assertThatThrownBy(() -> extension.beforeAll(context))
        .isInstanceOfAny(TestAbortedException.class, AssertionError.class)
        .hasMessageContaining("surely-not-a-program-here");
  }

  @RequiresBinaries("surely-not-a-program-here")
  static class NeedsMissingProgram {
    class Inner {}
  }

  private static ExtensionContext contextFor(String methodName) throws NoSuchMethodException {
    Method method = SystemRequirementsExtensionTest.class.getDeclaredMethod(methodName);
    return fakeContext(method, SystemRequirementsExtensionTest.class);
  }

  private static ExtensionContext contextForClass(Class<?> testClass) {
    return fakeContext(null, testClass);
  }

  /** Only the two lookups the extension makes are answered. */
  private static ExtensionContext fakeContext(Method method, Class<?> testClass) {
    return (ExtensionContext)
        Proxy.newProxyInstance(
            ExtensionContext.class.getClassLoader(),
            new Class<?>[] {ExtensionContext.class},
            (proxy, invoked, args) ->
                switch (invoked.getName()) {
                  case "getRequiredTestMethod" -> method;
                  case "getRequiredTestClass" -> testClass;
                  default -> throw new UnsupportedOperationException(invoked.getName());
                });
  }
}
