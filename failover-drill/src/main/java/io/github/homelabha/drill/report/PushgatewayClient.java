package io.github.homelabha.drill.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Pushes the drill's metrics to a Pushgateway as the group {@code job="failover_drill",
 * drill="NAME"}. PUT replaces the whole group, so figures of an earlier drill never stay next to a
 * newer result.
 */
public final class PushgatewayClient {
  public static final String JOB = "failover_drill";
  private static final int MAX_ERROR_BYTES = 512;

  private final HttpUrl base;
  private final OkHttpClient http;

  public PushgatewayClient(HttpUrl base, Duration timeout) {
    this.base = base;
    this.http = new OkHttpClient.Builder().callTimeout(timeout).followRedirects(false).build();
  }

  /** The group's URL: {@code <base>/metrics/job/failover_drill/drill/<name>}. */
  public HttpUrl groupUrl(String drill) {
    HttpUrl.Builder url = base.newBuilder().addPathSegments("metrics/job/" + JOB);
    if (drill.matches("[A-Za-z0-9_.-]+")) {
      url.addPathSegment("drill").addPathSegment(drill);
    } else {
      // a value with slashes or other special characters: the Pushgateway's base64 form
      url.addPathSegment("drill@base64")
          .addPathSegment(
              Base64.getUrlEncoder().encodeToString(drill.getBytes(StandardCharsets.UTF_8)));
    }
    return url.build();
  }

  public void push(String drill, byte[] exposition) throws IOException {
    HttpUrl url = groupUrl(drill);
    Request request =
        new Request.Builder()
            .url(url)
            .put(RequestBody.create(exposition, MediaType.get(Exposition.CONTENT_TYPE)))
            .build();
    try (Response response = http.newCall(request).execute()) {
      if (response.code() / 100 != 2) {
        byte[] body = response.body().byteStream().readNBytes(MAX_ERROR_BYTES);
        throw new IOException(
            "the Pushgateway at "
                + url.redact()
                + " answered HTTP "
                + response.code()
                + ": "
                + new String(body, StandardCharsets.UTF_8).strip());
      }
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
