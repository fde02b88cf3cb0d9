package io.github.homelabha.dashboards.support;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * Where the build put the generated bundle (target/classes) and the module's sources, for tests.
 */
public final class Bundle {

  private Bundle() {}

  /** A generated file or directory, e.g. {@code prometheus/rules}. */
  public static Path output(String relative) {
    URL url = Bundle.class.getResource("/" + relative);
    if (url == null) {
      throw new AssertionError(
          relative + " is not on the test classpath: run the build (process-classes) first");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  /** The module directory (Maven runs tests with it as working directory). */
  public static Path module() {
    return Path.of("").toAbsolutePath();
  }

  public static Path source(String relative) {
    return module().resolve("src/main").resolve(relative);
  }

  public static Path testSource(String relative) {
    return module().resolve("src/test").resolve(relative);
  }
}
