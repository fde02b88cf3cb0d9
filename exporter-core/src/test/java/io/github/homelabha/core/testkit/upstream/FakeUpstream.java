package io.github.homelabha.core.testkit.upstream;

import io.github.homelabha.core.testkit.PortAllocator;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;

/**
 * An HTTP(S) upstream on 127.0.0.1 that answers like the real one ({@code healthy}) until it is
 * told to break in one of the ways of {@link UpstreamFault}, and answers normally again after
 * {@link #heal()}. It keeps its port across restarts, so the exporter's configuration stays valid
 * when the fault is a refused connection or another certificate.
 */
public final class FakeUpstream implements AutoCloseable {

  /** How the fake serves: plain HTTP, HTTPS for a CA the client trusts, or a pinned self-signed. */
  public enum Tls {
    PLAIN,
    CA_VERIFIED,
    PINNED
  }

  private final Function<RecordedRequest, MockResponse> healthy;
  private final Tls tls;
  private final Duration slowness;
  private final long oversize;
  private final int port = PortAllocator.freeLoopbackPort();
  private final AtomicInteger requests = new AtomicInteger();
  private final TestCertificates.Issued ca;
  private final TestCertificates.Issued serverCertificate;
  private volatile UpstreamFault fault;
  private MockWebServer server;

  /**
   * @param healthy the real upstream's answers
   * @param slowness how long a slow answer takes (longer than the scrape timeout)
   * @param oversize body size of an oversized answer (more than the exporter reads)
   */
  public FakeUpstream(
      Function<RecordedRequest, MockResponse> healthy, Tls tls, Duration slowness, long oversize)
      throws Exception {
    this.healthy = healthy;
    this.tls = tls;
    this.slowness = slowness;
    this.oversize = oversize;
    this.ca = TestCertificates.ca("fake-upstream-ca");
    this.serverCertificate =
        tls == Tls.PINNED
            ? TestCertificates.selfSigned("controller.local")
            : TestCertificates.server(ca, "127.0.0.1", "localhost");
    start(tls == Tls.PLAIN ? null : serverCertificate);
  }

  /** The base URL, e.g. {@code https://127.0.0.1:41234}. */
  public String url() {
    return (tls == Tls.PLAIN ? "http" : "https") + "://127.0.0.1:" + port;
  }

  public Tls tls() {
    return tls;
  }

  /** The CA to trust ({@code tls_config.ca_file}) when {@link Tls#CA_VERIFIED}. */
  public Path writeCaFile(Path dir) throws IOException {
    return ca.writePem(dir, "fake-upstream-ca.pem");
  }

  /** The fingerprint to pin ({@code tls_config.pinned_sha256}) when {@link Tls#PINNED}. */
  public String pin() throws Exception {
    return serverCertificate.sha256Fingerprint();
  }

  /** Requests that reached the HTTP layer (a failed TLS handshake is not one). */
  public int requestCount() {
    return requests.get();
  }

  /** Starts answering wrongly in the way of {@code f}. */
  public synchronized void breakWith(UpstreamFault f) throws Exception {
    fault = f;
    switch (f) {
      case CONNECTION_REFUSED -> stopServer();
      case TLS_CERTIFICATE_MISMATCH -> restart(TestCertificates.server(ca, "elsewhere.invalid"));
      case PINNED_FINGERPRINT_MISMATCH -> restart(TestCertificates.selfSigned("controller.local"));
      default -> {
        // The dispatcher reads the fault at every request.
      }
    }
  }

  /** Answers like the real upstream again. */
  public synchronized void heal() throws Exception {
    UpstreamFault f = fault;
    fault = null;
    if (f == UpstreamFault.CONNECTION_REFUSED
        || f == UpstreamFault.TLS_CERTIFICATE_MISMATCH
        || f == UpstreamFault.PINNED_FINGERPRINT_MISMATCH) {
      restart(tls == Tls.PLAIN ? null : serverCertificate);
    }
  }

  private void restart(TestCertificates.Issued certificate) throws Exception {
    stopServer();
    start(certificate);
  }

  private void start(TestCertificates.Issued certificate) throws Exception {
    MockWebServer s = new MockWebServer();
    if (certificate != null) {
      s.useHttps(certificate.serverSocketFactory());
    }
    s.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            requests.incrementAndGet();
            return answer(request);
          }
        });
    s.start(InetAddress.getByName("127.0.0.1"), port);
    server = s;
  }

  private void stopServer() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  private MockResponse answer(RecordedRequest request) {
    UpstreamFault f = fault;
    if (f == null) {
      return healthy.apply(request);
    }
    return switch (f) {
      case SLOWER_THAN_SCRAPE_TIMEOUT ->
          healthy
              .apply(request)
              .newBuilder()
              .headersDelay(slowness.toMillis(), TimeUnit.MILLISECONDS)
              .build();
      case GARBAGE_BODY -> {
        byte[] garbage = new byte[512];
        new Random(request.getExchangeIndex()).nextBytes(garbage);
        yield healthy.apply(request).newBuilder().body(new Buffer().write(garbage)).build();
      }
      case TRUNCATED_BODY -> {
        // The real answer, announced whole, but the connection closes halfway through it.
        MockResponse real = healthy.apply(request);
        Buffer body = new Buffer();
        try {
          real.getBody().writeTo(body);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
        if (body.size() < 2) {
          body.writeUtf8("{\"padding\":\"" + "x".repeat(64) + "\"}");
        }
        yield real.newBuilder()
            .body(body)
            .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
            .build();
      }
      case OVERSIZED_BODY -> {
        Buffer big = new Buffer().writeUtf8("{\"padding\":\"");
        big.write(new byte[(int) oversize]);
        yield new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .chunkedBody(big.writeUtf8("\"}"), 64 * 1024)
            .build();
      }
      case UNAUTHORIZED ->
          new MockResponse.Builder()
              .code(401)
              .addHeader("WWW-Authenticate", "Basic realm=\"fake\"")
              .body("unauthorized")
              .build();
      case FORBIDDEN -> new MockResponse.Builder().code(403).body("forbidden").build();
      case TOO_MANY_REQUESTS ->
          new MockResponse.Builder()
              .code(429)
              .addHeader("Retry-After", "3")
              .body("slow down")
              .build();
      // Served by a server with another certificate or by none: never dispatched.
      case CONNECTION_REFUSED, TLS_CERTIFICATE_MISMATCH, PINNED_FINGERPRINT_MISMATCH ->
          healthy.apply(request);
    };
  }

  @Override
  public synchronized void close() {
    stopServer();
  }
}
