package io.github.homelabha.core.testkit.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test (class or method) needs root, e.g. to create network namespaces. Without root it is
 * skipped with a message saying how to run it, except when the environment variable {@code CI=true}
 * is set: then it fails, so a CI run can never pass by skipping its system tests.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(SystemRequirementsExtension.class)
public @interface RequiresRoot {}
