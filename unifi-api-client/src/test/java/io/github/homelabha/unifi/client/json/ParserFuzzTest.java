package io.github.homelabha.unifi.client.json;

import static io.github.homelabha.unifi.client.ReferenceSamples.enveloped;
import static io.github.homelabha.unifi.client.ReferenceSamples.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.homelabha.unifi.client.UnifiException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded truncations, byte flips and splices of the real samples: every parser either returns
 * models or throws the client's own {@link UnifiException}, never anything else.
 */
class ParserFuzzTest {
  private static final int MUTATIONS = 400;

  static Stream<Arguments> samples() {
    Map<String, Function<JsonNode, ?>> byFile =
        Map.of(
            "aiounifi/stat_device.json", ModelMapper::device,
            "aiounifi/stat_sta.json", ModelMapper::client,
            "aiounifi/self_sites.json", ModelMapper::site,
            "aiounifi/stat_sysinfo.json", ModelMapper::sysinfo,
            "unpoller-unifi/endpoints_data_stat-health.json", ModelMapper::health,
            "errors/login_required.json", ModelMapper::alarm);
    Stream<Arguments> enveloped =
        byFile.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue(), false));
    Stream<Arguments> bare =
        Stream.of(
            Arguments.of(
                "unpoller-unifi/examples_usw.json",
                (Function<JsonNode, ?>) ModelMapper::device,
                true),
            Arguments.of(
                "unpoller-unifi/examples_uap.json",
                (Function<JsonNode, ?>) ModelMapper::device,
                true),
            Arguments.of(
                "unpoller-unifi/examples_ugw.json",
                (Function<JsonNode, ?>) ModelMapper::device,
                true),
            Arguments.of(
                "unpoller-unifi/examples_pdu.json",
                (Function<JsonNode, ?>) ModelMapper::device,
                true),
            Arguments.of(
                "unpoller-unifi/examples_events.json",
                (Function<JsonNode, ?>) ModelMapper::event,
                true));
    return Stream.concat(enveloped, bare);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void mutatedSamplesFailOnlyWithOurExceptions(
      String file, Function<JsonNode, ?> mapper, boolean bare) {
    byte[] original = bare ? enveloped(file) : read(file);
    Random random = new Random(file.hashCode());
    int parsed = 0;
    int rejected = 0;
    for (int i = 0; i < MUTATIONS; i++) {
      byte[] mutated = mutate(original, random);
      try {
        List<?> rows = Envelope.rows(mutated, mapper);
        assertThat(rows).doesNotContainNull();
        parsed++;
      } catch (UnifiException expected) {
        assertThat(expected.getMessage()).isNotBlank();
        rejected++;
      }
      // Error bodies are read with the same parser when a status is not 2xx.
      assertThat(ErrorBodies.code(mutated)).isNotNull();
    }
    assertThat(parsed + rejected).isEqualTo(MUTATIONS);
    assertThat(rejected).as("mutations must break some documents").isPositive();
  }

  private static byte[] mutate(byte[] in, Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> Arrays.copyOf(in, random.nextInt(in.length));
      case 1 -> {
        byte[] out = in.clone();
        for (int k = 0; k < 1 + random.nextInt(8); k++) {
          out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
        yield out;
      }
      case 2 -> {
        byte[] out = in.clone();
        int at = random.nextInt(out.length);
        // Swap a value's quote or digit for structure characters.
        out[at] = (byte) "{}[]\",:0-eE.n".charAt(random.nextInt(13));
        yield out;
      }
      case 3 -> {
        int from = random.nextInt(in.length);
        int to = from + random.nextInt(in.length - from);
        byte[] out = new byte[in.length - (to - from)];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(in, to, out, from, in.length - to);
        yield out;
      }
      default -> {
        // Numbers become strings and strings numbers, as controllers of other versions send them.
        String s = new String(in, java.nio.charset.StandardCharsets.UTF_8);
        s =
            random.nextBoolean()
                ? s.replaceAll(":(-?[0-9.]+)", ":\"$1\"")
                : s.replaceAll(":\"([^\"]{0,6})\"", ":$1");
        yield s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }
    };
  }
}
