package io.github.homelabha.drill.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * GET of a URL on a new connection each time (a kept-alive connection would still reach the old
 * node after the VIP moved); passes with the expected status (any 2xx when none is set) and, when
 * set, a body containing the expected text.
 */
public final class HttpProbe implements Probe {
  /** How much of the body is searched for the expected text. */
  static final int MAX_BODY_BYTES = 1024 * 1024;

  private final String url;
  private final Integer expectStatus;
  private final String expectBody;
  private final OkHttpClient client;

  public HttpProbe(String url, Integer expectStatus, String expectBody) {
    this.url = url;
    this.expectStatus = expectStatus;
    this.expectBody = expectBody;
    this.client =
        new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(0, 1, TimeUnit.MILLISECONDS))
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .build();
  }

  @Override
  public void check(Duration timeout) throws ProbeFailedException {
    Request request = new Request.Builder().url(url).header("Connection", "close").build();
    OkHttpClient timed = client.newBuilder().callTimeout(timeout).build();
    try (Response response = timed.newCall(request).execute()) {
      int code = response.code();
      boolean statusOk = expectStatus == null ? code >= 200 && code < 300 : code == expectStatus;
      if (!statusOk) {
        throw new ProbeFailedException("HTTP " + code);
      }
      if (expectBody != null) {
        byte[] body;
        try (InputStream in = response.body().byteStream()) {
          body = in.readNBytes(MAX_BODY_BYTES);
        }
        if (!new String(body, StandardCharsets.UTF_8).contains(expectBody)) {
          throw new ProbeFailedException("the body lacks the expected text");
        }
      }
    } catch (IOException e) {
      throw new ProbeFailedException(Failures.describe(e));
    }
  }
}
