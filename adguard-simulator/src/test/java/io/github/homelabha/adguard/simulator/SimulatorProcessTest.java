package io.github.homelabha.adguard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator as its own process, started the way the demo starts it. */
class SimulatorProcessTest {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  @Test
  void runsAsAChildProcessWithCredentialsFromAFile(@TempDir Path dir) throws Exception {
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "from-file\n");
    Process p =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    AdGuardSimulator.class.getName(),
                    "--listen-address=127.0.0.1:0",
                    "--username=operator",
                    "--password-file=" + pw,
                    "--query-rate=50",
                    "--drift-period=2s",
                    "--name=node-a"))
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertThat(line).isNotNull();
      Matcher m = LISTENING.matcher(line);
      assertThat(m.find()).as(line).isTrue();
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(m.group(1) + "/control/status"))
                      .header(
                          "Authorization",
                          "Basic "
                              + Base64.getEncoder()
                                  .encodeToString(
                                      "operator:from-file".getBytes(StandardCharsets.UTF_8)))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"running\":true");
    } finally {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }
}
