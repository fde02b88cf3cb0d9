package io.github.homelabha.drill.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.homelabha.drill.config.HostPort;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/** The DNS probe against a small UDP server on 127.0.0.1 that answers what each test says. */
class DnsProbeTest {
  /** Short, for silence and the mutated answers (a dropped one only counts as a failure). */
  private static final Duration TIMEOUT = Duration.ofMillis(300);

  /**
   * For an answer the test relies on: the first query of the JVM also loads the resolver's classes
   * and seeds its random IDs, which a busy machine may not do within {@link #TIMEOUT}.
   */
  private static final Duration ANSWERED = Duration.ofSeconds(5);

  private FakeDnsServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private DnsProbe probe(String expect) {
    return new DnsProbe(new HostPort("127.0.0.1", server.port()), "drill.test", "A", expect);
  }

  /** A real answer to {@code query}: drill.test A 192.0.2.53, or the given rcode. */
  static byte[] answer(byte[] query, int rcode) throws Exception {
    Message q = new Message(query);
    Message r = new Message(q.getHeader().getID());
    r.getHeader().setFlag(Flags.QR);
    r.getHeader().setRcode(rcode);
    r.addRecord(q.getQuestion(), Section.QUESTION);
    if (rcode == Rcode.NOERROR) {
      r.addRecord(
          new ARecord(
              Name.fromString("drill.test."), DClass.IN, 60, InetAddress.getByName("192.0.2.53")),
          Section.ANSWER);
    }
    return r.toWire();
  }

  @Test
  void passesWhenAnAnswerHasTheExpectedValue() throws Exception {
    server = new FakeDnsServer(q -> uncheckedAnswer(q, Rcode.NOERROR));
    assertThatCode(() -> probe("192.0.2.53").check(ANSWERED)).doesNotThrowAnyException();
    assertThatCode(() -> probe(null).check(ANSWERED)).doesNotThrowAnyException();
    assertThatThrownBy(() -> probe("192.0.2.54").check(ANSWERED))
        .isInstanceOf(ProbeFailedException.class)
        .hasMessageContaining("expected value");
  }

  @Test
  void failsOnAnErrorCodeOrSilence() throws Exception {
    server = new FakeDnsServer(q -> uncheckedAnswer(q, Rcode.SERVFAIL));
    assertThatThrownBy(() -> probe(null).check(ANSWERED))
        .isInstanceOf(ProbeFailedException.class)
        .hasMessage("DNS SERVFAIL");
    server.close();
    server = new FakeDnsServer(q -> null);
    assertThatThrownBy(() -> probe(null).check(TIMEOUT)).isInstanceOf(ProbeFailedException.class);
  }

  /** Seeded truncations and byte flips of a real answer fail only as a failed probe. */
  @Test
  void mutatedAnswersOnlyFailTheProbe() throws Exception {
    Random random = new Random(53);
    server =
        new FakeDnsServer(
            q -> {
              byte[] real = uncheckedAnswer(q, Rcode.NOERROR);
              if (random.nextBoolean()) {
                return Arrays.copyOf(real, 2 + random.nextInt(real.length - 2));
              }
              // keep the ID (bytes 0-1) so the resolver reads the mutated answer
              for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                real[2 + random.nextInt(real.length - 2)] = (byte) random.nextInt(256);
              }
              return real;
            });
    int failed = 0;
    for (int i = 0; i < 40; i++) {
      try {
        probe("192.0.2.53").check(TIMEOUT);
      } catch (ProbeFailedException e) {
        failed++;
      }
    }
    assertThat(failed).isPositive();
  }

  private static byte[] uncheckedAnswer(byte[] query, int rcode) {
    try {
      return answer(query, rcode);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Answers each UDP query with what {@code responder} returns (null: no answer). */
  static final class FakeDnsServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final Thread thread;

    FakeDnsServer(UnaryOperator<byte[]> responder) throws Exception {
      socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
      thread =
          new Thread(
              () -> {
                byte[] buffer = new byte[512];
                while (!socket.isClosed()) {
                  try {
                    DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                    socket.receive(p);
                    byte[] reply = responder.apply(Arrays.copyOf(p.getData(), p.getLength()));
                    if (reply != null) {
                      socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                    }
                  } catch (Exception e) {
                    // closed, or a query the responder could not read: no answer
                  }
                }
              },
              "fake-dns");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() {
      socket.close();
    }
  }
}
