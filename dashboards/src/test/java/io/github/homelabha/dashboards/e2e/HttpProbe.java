package io.github.homelabha.dashboards.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Small HTTP helpers for the daemons under test. */
final class HttpProbe {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private HttpProbe() {}

  static String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(url + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /** Polls {@code url} until it answers 200, or fails after {@code timeout} with the log. */
  static void awaitReady(String url, Duration timeout, String logForErrors)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    IOException last = null;
    while (System.nanoTime() < deadline) {
      try {
        get(url);
        return;
      } catch (IOException e) {
        last = e;
        Thread.sleep(200);
      }
    }
    throw new AssertionError(
        url + " not ready within " + timeout + " (" + last + ")\n" + logForErrors);
  }
}
