package io.github.homelabha.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The recommended JVM flags live in {@code ha-exporters/src/main/dist/jvm.options}; the packages'
 * {@code /etc/default} files, their start script, the container image and the READMEs repeat them
 * because those must work without the file. A flag changed in one place only fails here.
 */
class RecommendedJvmFlagsTest {
  private static final Path ROOT = Path.of("..");
  private static final Path DEFAULTS = Path.of("src/deb/ha-exporters/etc/default");

  private static List<String> recommended() throws IOException {
    return Files.readAllLines(ROOT.resolve("ha-exporters/src/main/dist/jvm.options")).stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
  }

  private static List<String> words(String flags) {
    return Arrays.stream(flags.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }

  @Test
  void everyDefaultFileOfThePackageCarriesTheRecommendedFlags() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(DEFAULTS)) {
      files = s.sorted().toList();
    }
    assertThat(files).hasSize(5);
    for (Path file : files) {
      assertThat(words(EnvironmentFile.read(file).get("JAVA_OPTS")))
          .as("JAVA_OPTS of %s", file)
          .isEqualTo(recommended());
    }
  }

  @Test
  void theStartScriptsFallbackIsTheRecommendedFlags() throws IOException {
    String script = Files.readString(Path.of("src/deb/ha-exporters/share/ha-exporters-java"));
    Matcher m = Pattern.compile("\\$\\{JAVA_OPTS=([^}]*)}").matcher(script);
    assertThat(m.find()).as("the JAVA_OPTS fallback in ha-exporters-java").isTrue();
    assertThat(words(m.group(1))).isEqualTo(recommended());
  }

  @Test
  void theContainerImageRunsWithTheRecommendedFlags() throws IOException {
    String script = Files.readString(ROOT.resolve("deploy/image/build-image.sh"));
    Matcher m = Pattern.compile("(?s)jvm_flags=\\(([^)]*)\\)").matcher(script);
    assertThat(m.find()).as("jvm_flags=(...) in build-image.sh").isTrue();
    assertThat(words(m.group(1))).isEqualTo(recommended());
  }

  @Test
  void everyJavaCommandOfTheReadmesUsesTheRecommendedFlags() throws IOException {
    Pattern command = Pattern.compile("(?s)MALLOC_ARENA_MAX=1 java (.*?)-jar ");
    for (String file : List.of("README.md", "exporter-sync/README.md")) {
      Matcher m = command.matcher(Files.readString(ROOT.resolve(file)));
      int found = 0;
      while (m.find()) {
        found++;
        assertThat(words(m.group(1).replace("\\\n", " ")))
            .as("java command line %d in %s", found, file)
            .isEqualTo(recommended());
      }
      assertThat(found).as("java command lines in %s", file).isPositive();
    }
  }
}
