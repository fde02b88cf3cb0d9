package io.github.homelabha.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import io.github.homelabha.core.api.Secret;
import io.github.homelabha.core.fixtures.FakeExporter;
import io.github.homelabha.core.secrets.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;
  private final Redactor redactor = new Redactor();

  private FakeExporter.Config load(String yaml, Map<String, Object> overrides) throws Exception {
    Path f = dir.resolve("c.yml");
    Files.writeString(f, yaml);
    return new ConfigLoader(redactor).load(FakeExporter.Config.class, f, overrides);
  }

  private List<String> problems(String yaml) {
    try {
      load(yaml, Map.of());
    } catch (InvalidConfigException e) {
      return e.problems();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("configuration was accepted");
  }

  @Test
  void bindsSnakeCaseKeysDurationsAndSecrets() throws Exception {
    FakeExporter.Config c =
        load(
            """
            api_key: abcdef
            default_delay: 1m30s
            targets:
              - name: a
                min_interval: 500ms
            """,
            Map.of());
    assertThat(c.defaultDelay).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.targets.get(0).minInterval).isEqualTo(Duration.ofMillis(500));
    assertThat(c.apiKey.value()).isEqualTo("abcdef");
    assertThat(c.apiKey.toString()).doesNotContain("abcdef");
    assertThat(redactor.redact("key=abcdef")).isEqualTo("key=<secret>");
  }

  @Test
  void listsEveryProblemWithItsKeyPath() {
    List<String> p =
        problems(
            """
            default_delay: 5 minutes
            colour: blue
            targets:
              - name: a
                nmae: typo
                value: lots
              - value: -1
            """);
    assertThat(p)
        .anySatisfy(s -> assertThat(s).startsWith("default_delay: not a duration"))
        .anySatisfy(s -> assertThat(s).startsWith("colour: unknown key (known keys:"))
        .anySatisfy(s -> assertThat(s).startsWith("targets[0].nmae: unknown key"))
        .anySatisfy(
            s -> assertThat(s).startsWith("targets[0].value: \"lots\" is not a valid number"));
  }

  @Test
  void validationProblemsCarryNestedPaths() {
    List<String> p =
        problems(
            """
            targets:
              - name: a
              - value: -1
            """);
    assertThat(p)
        .containsExactlyInAnyOrder(
            "targets[1].name: required", "targets[1].value: must not be negative");
  }

  @Test
  void wrongShapeIsNamed() {
    assertThat(problems("targets: just-a-string\n"))
        .anySatisfy(s -> assertThat(s).startsWith("targets: expected list, found a string"));
  }

  @Test
  void yamlSyntaxErrorHasALine() {
    assertThat(problems("targets:\n  - name: a\n   bad: [\n"))
        .singleElement()
        .satisfies(s -> assertThat(s).contains("YAML syntax error").contains("line"));
  }

  @Test
  void aYamlSyntaxErrorDoesNotQuoteTheLineWithTheSecret() {
    List<String> p = problems("default_delay: 1s\napi_key: \"PLANT-unterminated-secret\n");
    assertThat(p)
        .singleElement()
        .asString()
        .contains("YAML syntax error")
        .contains("line")
        .doesNotContain("PLANT");
  }

  @Test
  void aDeviceOrAHugeFileIsRefusedBeforeReading() throws Exception {
    assertThatThrownBy(
            () ->
                new ConfigLoader(redactor, Map.of())
                    .load(FakeExporter.Config.class, Path.of("/dev/zero"), Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("/dev/zero is a device, FIFO or socket, not a regular file");
    Path huge = dir.resolve("huge.yml");
    Files.write(huge, new byte[(int) ConfigLoader.MAX_FILE_BYTES + 1]);
    assertThatThrownBy(
            () ->
                new ConfigLoader(redactor, Map.of())
                    .load(FakeExporter.Config.class, huge, Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("is larger than 1 MiB");
  }

  @Test
  void overridesReplaceFileKeys() throws Exception {
    FakeExporter.Config c =
        load(
            "default_delay: 1s\napi_key: from-file\n",
            Map.of("default_delay", "2s", "targets", List.of(Map.of("name", "x"))));
    assertThat(c.defaultDelay).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.targets).extracting(t -> t.name).containsExactly("x");
    assertThat(c.apiKey.value()).isEqualTo("from-file");
  }

  @Test
  void missingFileIsAProblemNotACrash() {
    assertThatThrownBy(
            () ->
                new ConfigLoader(redactor)
                    .load(FakeExporter.Config.class, dir.resolve("nope.yml"), Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("cannot read configuration file");
  }

  @Test
  void secretsComeFromFilesOrEnvironmentVariables() throws Exception {
    Path secretFile = dir.resolve("key.txt");
    Files.writeString(secretFile, "from-a-file\n");
    Path f = dir.resolve("s.yml");
    Files.writeString(f, "api_key_file: " + secretFile + "\n");
    var fromFile =
        new ConfigLoader(redactor, Map.of()).load(FakeExporter.Config.class, f, Map.of());
    assertThat(fromFile.apiKey.value()).isEqualTo("from-a-file");
    assertThat(redactor.redact("x from-a-file y")).isEqualTo("x <secret> y");

    Files.writeString(f, "api_key_env: FAKE_KEY\n");
    var fromEnv =
        new ConfigLoader(redactor, Map.of("FAKE_KEY", "from-env-var"))
            .load(FakeExporter.Config.class, f, Map.of());
    assertThat(fromEnv.apiKey.value()).isEqualTo("from-env-var");

    Files.writeString(f, "api_key: inline\napi_key_env: FAKE_KEY\n");
    assertThatThrownBy(
            () -> new ConfigLoader(redactor, Map.of()).load(FakeExporter.Config.class, f, Map.of()))
        .hasMessageContaining("api_key: set only one of api_key, api_key_file, api_key_env");

    Files.writeString(f, "api_key_file: " + dir.resolve("missing") + "\n");
    assertThatThrownBy(
            () -> new ConfigLoader(redactor, Map.of()).load(FakeExporter.Config.class, f, Map.of()))
        .hasMessageContaining("api_key_file: cannot read secret file");
  }

  /** Defaults that fail their own validation; the secret default must still be redacted. */
  public static final class InvalidDefaults {
    public Secret token = Secret.of("default-token-123");
    public FakeExporter.TargetConfig target = new FakeExporter.TargetConfig();
  }

  /** No no-argument constructor: only Jackson knows how to build it. */
  public record RecordConfig(String name, Duration every) {}

  @Test
  void withoutFileOrFlagsTheDefaultsAreStillValidatedAndTheirSecretsRegistered() {
    assertThatThrownBy(
            () -> new ConfigLoader(redactor, Map.of()).load(InvalidDefaults.class, null, Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("target.name: required");
    assertThat(redactor.redact("token default-token-123")).isEqualTo("token <secret>");
  }

  @Test
  void withoutFileOrFlagsTheDefaultsComeFromTheNoArgumentConstructor() throws Exception {
    FakeExporter.Config c =
        new ConfigLoader(redactor, Map.of()).load(FakeExporter.Config.class, null, Map.of());
    assertThat(c.targets).isEmpty();
    assertThat(c.defaultDelay).isEqualTo(Duration.ZERO);
    assertThat(c.apiKey).isNull();
  }

  @Test
  void withoutFileOrFlagsAClassWithoutNoArgumentConstructorIsBuiltByJackson() throws Exception {
    RecordConfig c = new ConfigLoader(redactor, Map.of()).load(RecordConfig.class, null, Map.of());
    assertThat(c).isEqualTo(new RecordConfig(null, null));
  }

  @Test
  void promDurations() {
    assertThat(PromDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(PromDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(PromDuration.parse("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(PromDuration.parse("0")).isZero();
    assertThat(PromDuration.format(Duration.ofMillis(90_500))).isEqualTo("1m30s500ms");
    for (String bad : List.of("", "5", "5 m", "1m1h", "-1s", "1.5s", "99999999999999999999d")) {
      assertThatThrownBy(() -> PromDuration.parse(bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
