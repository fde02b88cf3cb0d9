package io.github.homelabha.dashboards.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test needs these executables (absolute paths or names on PATH), and root when {@link #root()}
 * is set. Missing ones skip the test on a workstation and fail it when CI=true, so a CI image
 * without promtool cannot pass silently.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(ToolsCondition.class)
public @interface RequiresTools {
  String[] value();

  boolean root() default false;
}
