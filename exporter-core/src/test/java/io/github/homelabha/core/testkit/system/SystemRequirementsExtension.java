package io.github.homelabha.core.testkit.system;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Backs {@link RequiresRoot} and {@link RequiresBinaries}. Class-level requirements are checked
 * before the class's {@code @BeforeAll} methods (so a lab is never half-built without root),
 * method-level ones before {@code @BeforeEach}.
 */
public final class SystemRequirementsExtension implements BeforeAllCallback, BeforeEachCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    List<AnnotatedElement> elements = new ArrayList<>();
    for (Class<?> type = context.getRequiredTestClass();
        type != null;
        type = type.getEnclosingClass()) {
      elements.add(type);
    }
    enforce(elements);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    enforce(List.of(context.getRequiredTestMethod()));
  }

  private static void enforce(List<AnnotatedElement> elements) {
    boolean rootNeeded = false;
    Set<String> binaries = new LinkedHashSet<>();
    for (AnnotatedElement element : elements) {
      rootNeeded |= element.isAnnotationPresent(RequiresRoot.class);
      RequiresBinaries required = element.getAnnotation(RequiresBinaries.class);
      if (required != null) {
        binaries.addAll(List.of(required.value()));
      }
    }
    if (!rootNeeded && binaries.isEmpty()) {
      return;
    }
    SystemRequirements.Verdict verdict =
        SystemRequirements.judge(
            rootNeeded,
            rootNeeded && SystemRequirements.runningAsRoot(),
            SystemRequirements.missing(binaries.toArray(String[]::new)),
            SystemRequirements.ciEnvironment());
    switch (verdict.action()) {
      case RUN -> {}
      case SKIP -> Assumptions.abort(verdict.message());
      case FAIL -> throw new AssertionError(verdict.message());
    }
  }
}
