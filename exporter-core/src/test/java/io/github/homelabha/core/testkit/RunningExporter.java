package io.github.homelabha.core.testkit;

import io.github.homelabha.core.api.Exporter;
import io.github.homelabha.core.cli.ExporterMain;
import io.github.homelabha.core.runtime.ExporterRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An exporter running in this JVM, exactly as its main would start it (same flag parsing, same
 * configuration loading), listening on 127.0.0.1 and a free port unless the arguments say
 * otherwise.
 */
public final class RunningExporter implements AutoCloseable {
  private final ExporterRuntime runtime;
  private final CapturedLogs logs;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private RunningExporter(ExporterRuntime runtime, CapturedLogs logs) {
    this.runtime = runtime;
    this.logs = logs;
  }

  public static RunningExporter start(Exporter<?> exporter, String... args) throws Exception {
    return start(exporter, Map.of(), args);
  }

  /** Starts with {@code env} as the environment the flags' variables are read from. */
  public static RunningExporter start(Exporter<?> exporter, Map<String, String> env, String... args)
      throws Exception {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    if (all.stream().noneMatch(a -> a.startsWith("--web.listen-address"))) {
      all.add(0, "--web.listen-address=127.0.0.1:0");
    }
    CapturedLogs logs = CapturedLogs.attach();
    try {
      PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
      ExporterRuntime runtime = ExporterMain.launch(exporter, all.toArray(String[]::new), env, out);
      if (runtime == null) {
        throw new IllegalArgumentException("the arguments only asked for help, version or a check");
      }
      return new RunningExporter(runtime, logs);
    } catch (Exception | Error e) {
      logs.close();
      throw e;
    }
  }

  public int port() {
    return runtime.port();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public ExporterRuntime runtime() {
    return runtime;
  }

  /** GET a path (with query) and return status, headers and body. */
  public HttpResult get(String pathAndQuery, String... headerPairs) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery))
            .timeout(Duration.ofSeconds(60));
    for (int i = 0; i + 1 < headerPairs.length; i += 2) {
      b.header(headerPairs[i], headerPairs[i + 1]);
    }
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      Map<String, List<String>> headers = new TreeMap<>();
      r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(), v));
      return new HttpResult(r.statusCode(), headers, new String(r.body(), StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** The raw exposition of {@code /metrics}, failing unless the status is 200. */
  public String scrapeText() throws IOException {
    HttpResult r = get("/metrics");
    if (r.status() != 200) {
      throw new AssertionError("GET /metrics answered " + r.status() + ": " + r.body());
    }
    return r.body();
  }

  /** {@code /metrics}, parsed strictly (a malformed exposition fails the test). */
  public ParsedMetrics scrape() throws IOException {
    return scrape("/metrics");
  }

  /** Any exposition endpoint (e.g. {@code /probe?target=x}), parsed strictly. */
  public ParsedMetrics scrape(String pathAndQuery, String... headerPairs) throws IOException {
    HttpResult r = get(pathAndQuery, headerPairs);
    if (r.status() != 200) {
      throw new AssertionError("GET " + pathAndQuery + " answered " + r.status() + ": " + r.body());
    }
    try {
      return ExpositionParser.parse(r.body(), r.header("content-type"));
    } catch (ExpositionParseException e) {
      throw new AssertionError(
          "GET " + pathAndQuery + " returned a malformed exposition: " + e.getMessage(), e);
    }
  }

  /** Every log line written since this exporter started. */
  public String logs() {
    return logs.text();
  }

  @Override
  public void close() {
    try {
      runtime.close(Duration.ZERO);
    } finally {
      logs.close();
    }
  }
}
