package io.github.homelabha.drill.cluster;

import io.github.homelabha.drill.config.NodeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** Reads every node's keepalived exporter at once. */
public final class ClusterReader implements AutoCloseable {
  static final Set<String> METRICS = Set.of("keepalived_up", "keepalived_vrrp_instance_state");

  /** The exporter's answer is a few KiB; anything far larger is not what we asked for. */
  static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  private final List<NodeConfig> nodes;
  private final OkHttpClient http;
  private final ExecutorService pool;

  public ClusterReader(List<NodeConfig> nodes, Duration timeout) {
    this.nodes = List.copyOf(nodes);
    this.http =
        new OkHttpClient.Builder()
            .callTimeout(timeout)
            .followRedirects(false)
            .retryOnConnectionFailure(false)
            .build();
    this.pool =
        Executors.newFixedThreadPool(
            nodes.size(),
            r -> {
              Thread t = new Thread(r, "exporter-reader");
              t.setDaemon(true);
              return t;
            });
  }

  /** One round: every node read in parallel. */
  public ClusterReading read() {
    long start = System.nanoTime();
    List<CompletableFuture<NodeReading>> futures = new ArrayList<>();
    for (NodeConfig node : nodes) {
      futures.add(CompletableFuture.supplyAsync(() -> read(node), pool));
    }
    return new ClusterReading(start, futures.stream().map(CompletableFuture::join).toList());
  }

  private NodeReading read(NodeConfig node) {
    long start = System.nanoTime();
    Request request =
        new Request.Builder()
            .url(node.exporterUrl())
            .header("Accept", "text/plain;version=0.0.4")
            .build();
    try (Response response = http.newCall(request).execute()) {
      if (response.code() != 200) {
        return NodeReading.unreachable(
            node.name, start, "the exporter answered HTTP " + response.code());
      }
      String text = boundedBody(response.body());
      return toReading(node.name, start, ExpositionSamples.parse(text, METRICS));
    } catch (IOException e) {
      return NodeReading.unreachable(node.name, start, "cannot read the exporter: " + e);
    } catch (ExpositionParseException e) {
      return NodeReading.unreachable(
          node.name, start, "the exporter's answer is not valid exposition: " + e.getMessage());
    }
  }

  static NodeReading toReading(String node, long start, List<Sample> samples) {
    List<Double> up = new ArrayList<>();
    List<NodeReading.InstanceState> states = new ArrayList<>();
    for (Sample s : samples) {
      if (s.name().equals("keepalived_up")) {
        up.add(s.value());
      } else {
        String iname = s.labels().get("iname");
        double v = s.value();
        if (iname != null && v == Math.rint(v) && v >= 0 && v <= 5) {
          states.add(new NodeReading.InstanceState(iname, (int) v));
        }
      }
    }
    return new NodeReading(node, start, null, List.copyOf(up), List.copyOf(states));
  }

  private static String boundedBody(ResponseBody body) throws IOException {
    try (InputStream in = body.byteStream()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new IOException("answer larger than " + MAX_BODY_BYTES + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
