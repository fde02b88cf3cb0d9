package io.github.homelabha.core.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import io.github.homelabha.core.web.security.TestPki.Issued;
import io.github.homelabha.core.web.security.TestPki.KeyFormat;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded truncations and byte flips of a real web config and its PEM files: loading either works or
 * fails with {@link InvalidConfigException}, never with another exception.
 */
class WebConfigFuzzTest {
  private static final long SEED = 20261123L;
  private static final int ROUNDS = 150;

  @TempDir Path dir;

  @Test
  void mutatedFilesFailOnlyWithOurException() throws Exception {
    byte[] yaml;
    try (InputStream in =
        getClass().getResourceAsStream("/web-security/node-exporter-web-config.yml")) {
      yaml = in.readAllBytes();
    }
    Issued ca = TestPki.ca("ca");
    Issued node = TestPki.server(ca, TestPki.KeyType.EC);
    byte[] cert = TestPki.certificatesPem(node.certificate()).getBytes();
    byte[] key = TestPki.keyPem(node.keys(), KeyFormat.SEC1_EC).getBytes();
    byte[] caPem = TestPki.certificatesPem(ca.certificate()).getBytes();

    Random random = new Random(SEED);
    int loaded = 0;
    int refused = 0;
    for (int round = 0; round < ROUNDS; round++) {
      int target = random.nextInt(4);
      Files.write(dir.resolve("web-config.yml"), target == 0 ? mutate(yaml, random) : yaml);
      Files.write(dir.resolve("node_exporter.crt"), target == 1 ? mutate(cert, random) : cert);
      Files.write(dir.resolve("node_exporter.key"), target == 2 ? mutate(key, random) : key);
      Files.write(dir.resolve("prometheus-ca.crt"), target == 3 ? mutate(caPem, random) : caPem);
      try {
        WebConfig.load(dir.resolve("web-config.yml"));
        loaded++;
      } catch (InvalidConfigException e) {
        assertThat(e.problems()).isNotEmpty();
        assertThat(e.getMessage()).doesNotContain("PRIVATE KEY");
        refused++;
      }
    }
    // both outcomes occur, so the mutations reach the parsers
    assertThat(loaded).isPositive();
    assertThat(refused).isPositive();
  }

  private static byte[] mutate(byte[] original, Random random) {
    byte[] copy = original.clone();
    if (random.nextBoolean()) {
      return java.util.Arrays.copyOf(copy, random.nextInt(copy.length));
    }
    int flips = 1 + random.nextInt(4);
    for (int i = 0; i < flips; i++) {
      copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
    }
    return copy;
  }
}
