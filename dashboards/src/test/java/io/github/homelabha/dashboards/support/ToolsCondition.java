package io.github.homelabha.dashboards.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Evaluates {@link RequiresTools}: skip on a workstation, fail under CI=true. */
public final class ToolsCondition implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<RequiresTools> annotation =
        context
            .getElement()
            .flatMap(e -> AnnotationSupport.findAnnotation(e, RequiresTools.class))
            .or(
                () ->
                    context
                        .getTestClass()
                        .flatMap(c -> AnnotationSupport.findAnnotation(c, RequiresTools.class)));
    if (annotation.isEmpty()) {
      return ConditionEvaluationResult.enabled("no tool requirements");
    }
    List<String> missing = new ArrayList<>();
    for (String tool : annotation.get().value()) {
      if (find(tool).isEmpty()) {
        missing.add(tool);
      }
    }
    if (annotation.get().root() && !"root".equals(System.getProperty("user.name"))) {
      missing.add("root privileges");
    }
    if (missing.isEmpty()) {
      return ConditionEvaluationResult.enabled("all required tools present");
    }
    String message = "needs " + String.join(", ", missing);
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(message + " (CI=true: a system test may not skip)");
    }
    return ConditionEvaluationResult.disabled(message);
  }

  /** The executable's path: as given when absolute, else searched on PATH. */
  public static Optional<Path> find(String tool) {
    if (tool.startsWith("/")) {
      Path path = Path.of(tool);
      return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String dir : pathVariable.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, tool);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
