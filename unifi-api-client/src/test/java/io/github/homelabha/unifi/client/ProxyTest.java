package io.github.homelabha.unifi.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.homelabha.unifi.client.tls.TestKeys;
import io.github.homelabha.unifi.client.tls.TlsOptions;
import java.net.InetAddress;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A local MockWebServer plays the proxy: for {@code http://} it answers the proxied requests
 * itself; for {@code https://} it accepts the {@code CONNECT} and then serves TLS inside the
 * tunnel. The proxy asks for a password; it must never show up in a log line or a message.
 */
class ProxyTest {
  private static final String PROXY_PASSWORD = "pr0xy-s3cret";
  private static final String SITES =
      "{\"meta\":{\"rc\":\"ok\"},\"data\":[{\"name\":\"default\",\"desc\":\"x\"}]}";

  private final MockWebServer proxy = new MockWebServer();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void captureLogs() {
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void stop() {
    root.detachAppender(logs);
    proxy.close();
  }

  private String proxyUrl() {
    return "http://bob:" + PROXY_PASSWORD + "@127.0.0.1:" + proxy.getPort();
  }

  @Test
  void plainHttpGoesThroughTheProxyWithItsCredentials() throws Exception {
    proxy.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            if (r.getHeaders().get("Proxy-Authorization") == null) {
              return new MockResponse.Builder()
                  .code(407)
                  .addHeader("Proxy-Authenticate", "Basic realm=\"lan\"")
                  .build();
            }
            return new MockResponse.Builder().body(SITES).build();
          }
        });
    proxy.start(InetAddress.getLoopbackAddress(), 0);
    // The controller's name needs no DNS here: the proxy resolves it.
    try (UnifiClient unifi =
        UnifiClient.builder("http://unifi.invalid:8080")
            .platform(Platform.CLASSIC)
            .apiKey("controller-key")
            .proxy(proxyUrl())
            .build()) {
      assertThat(unifi.sites()).hasSize(1);
    }
    RecordedRequest challenged = proxy.takeRequest();
    assertThat(challenged.getRequestLine()).contains("http://unifi.invalid:8080/");
    RecordedRequest answered = proxy.takeRequest();
    assertThat(answered.getHeaders().get("Proxy-Authorization"))
        .isEqualTo(Credentials.basic("bob", PROXY_PASSWORD));
    assertNoPasswordLogged();
  }

  @Test
  void aRefusedProxyPasswordIsNotRetriedForeverNorRepeated() throws Exception {
    proxy.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            return new MockResponse.Builder()
                .code(407)
                .addHeader("Proxy-Authenticate", "Basic realm=\"lan\"")
                .build();
          }
        });
    proxy.start(InetAddress.getLoopbackAddress(), 0);
    try (UnifiClient unifi =
        UnifiClient.builder("http://unifi.invalid:8080")
            .platform(Platform.CLASSIC)
            .apiKey("controller-key")
            .proxy(proxyUrl())
            .build()) {
      assertThatThrownBy(unifi::sites)
          .isInstanceOf(UnifiException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PROXY_PASSWORD));
    }
    assertThat(proxy.getRequestCount()).isEqualTo(2);
    assertNoPasswordLogged();
  }

  @Test
  void httpsIsTunnelledAndTheControllersCertificateStillChecked() throws Exception {
    // The proxy's tunnel ends in a TLS server presenting the controller's certificate.
    TestKeys controller = TestKeys.selfSigned("unifi.local");
    proxy.useHttps(controller.serverSocketFactory());
    proxy.enqueue(new MockResponse.Builder().inTunnel().build());
    proxy.enqueue(new MockResponse.Builder().body(SITES).build());
    proxy.start(InetAddress.getLoopbackAddress(), 0);
    try (UnifiClient unifi =
        UnifiClient.builder("https://unifi.invalid")
            .platform(Platform.CLASSIC)
            .apiKey("controller-key")
            .tls(TlsOptions.pinned(controller.fingerprint()))
            .proxy(proxyUrl())
            .build()) {
      assertThat(unifi.sites()).hasSize(1);
    }
    RecordedRequest connect = proxy.takeRequest();
    assertThat(connect.getMethod()).isEqualTo("CONNECT");
    assertThat(connect.getHeaders().get("Proxy-Authorization"))
        .isEqualTo(Credentials.basic("bob", PROXY_PASSWORD));
    RecordedRequest inside = proxy.takeRequest();
    assertThat(inside.getHandshake()).isNotNull();
    assertThat(inside.getHeaders().get("X-API-KEY")).isEqualTo("controller-key");
    assertNoPasswordLogged();
  }

  @Test
  void aTunnelToAWrongCertificateCarriesNoRequest() throws Exception {
    TestKeys controller = TestKeys.selfSigned("unifi.local");
    proxy.useHttps(controller.serverSocketFactory());
    proxy.enqueue(new MockResponse.Builder().inTunnel().build());
    proxy.enqueue(new MockResponse.Builder().body(SITES).build());
    proxy.start(InetAddress.getLoopbackAddress(), 0);
    // another first byte: a fresh certificate's fingerprint starts with 00 once in 256 runs
    String right = controller.fingerprint();
    String wrong = (right.startsWith("00") ? "11" : "00") + right.substring(2);
    try (UnifiClient unifi =
        UnifiClient.builder("https://unifi.invalid")
            .platform(Platform.CLASSIC)
            .apiKey("controller-key")
            .tls(TlsOptions.pinned(wrong))
            .proxy(proxyUrl())
            .build()) {
      assertThatThrownBy(unifi::sites)
          .isInstanceOfSatisfying(
              UnifiException.class, e -> assertThat(e.kind()).isEqualTo(UnifiException.Kind.TLS));
    }
    assertThat(proxy.takeRequest().getMethod()).isEqualTo("CONNECT");
    assertThat(proxy.getRequestCount()).as("only the CONNECT, no request inside").isEqualTo(1);
    assertNoPasswordLogged();
  }

  @Test
  void proxyUrlsAreCheckedWithoutRepeatingThem() {
    assertThat(ProxyUrl.parse(proxyUrlFor(3128)).toString())
        .isEqualTo("http://***@proxy.lan:3128")
        .doesNotContain(PROXY_PASSWORD);
    assertThat(ProxyUrl.parse("socks5://127.0.0.1:1080").user()).isEmpty();
    for (String bad :
        new String[] {
          "ftp://bob:" + PROXY_PASSWORD + "@proxy.lan:21",
          "http://bob:" + PROXY_PASSWORD + "@proxy.lan",
          "socks5://bob:" + PROXY_PASSWORD + "@proxy.lan:1080",
          "http://bob:" + PROXY_PASSWORD + "@proxy lan:3128"
        }) {
      assertThatThrownBy(() -> ProxyUrl.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PROXY_PASSWORD));
    }
  }

  private static String proxyUrlFor(int port) {
    return "http://bob:" + PROXY_PASSWORD + "@proxy.lan:" + port;
  }

  private void assertNoPasswordLogged() {
    assertThat(logs.list)
        .allSatisfy(
            e -> {
              assertThat(e.getFormattedMessage()).doesNotContain(PROXY_PASSWORD);
              if (e.getThrowableProxy() != null) {
                assertThat(e.getThrowableProxy().getMessage()).doesNotContain(PROXY_PASSWORD);
              }
            });
  }
}
