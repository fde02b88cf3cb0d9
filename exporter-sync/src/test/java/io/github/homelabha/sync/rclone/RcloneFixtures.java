package io.github.homelabha.sync.rclone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

final class RcloneFixtures {
  private RcloneFixtures() {}

  static String read(String name) throws IOException {
    try (InputStream in = RcloneFixtures.class.getResourceAsStream("/rclone/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
