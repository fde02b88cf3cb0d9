package io.github.homelabha.core.testkit.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test (class or method) runs these programs, looked up by {@link Binaries#locate}. When one is
 * missing the test is skipped with a message naming it, except when the environment variable {@code
 * CI=true} is set: then it fails.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(SystemRequirementsExtension.class)
public @interface RequiresBinaries {
  /** Program names such as {@code "keepalived"} or {@code "ip"}. */
  String[] value();
}
