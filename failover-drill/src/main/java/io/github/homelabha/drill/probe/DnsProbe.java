package io.github.homelabha.drill.probe;

import io.github.homelabha.drill.config.HostPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks one DNS server one question (no recursion into other servers, no retries); passes on NOERROR
 * with an answer of the asked type, which must equal {@code expect} when it is set.
 */
public final class DnsProbe implements Probe {
  private final HostPort server;
  private final Name query;
  private final int type;
  private final String expect;

  public DnsProbe(HostPort server, String query, String type, String expect) {
    this.server = server;
    try {
      this.query = Name.fromString(query, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a DNS name: " + query, e);
    }
    this.type = Type.value(type);
    this.expect = expect == null ? null : normalize(expect);
  }

  @Override
  public void check(Duration timeout) throws ProbeFailedException {
    Message response;
    try {
      SimpleResolver resolver =
          new SimpleResolver(new InetSocketAddress(server.host(), server.port()));
      resolver.setTimeout(timeout);
      response = resolver.send(Message.newQuery(Record.newRecord(query, type, DClass.IN)));
    } catch (IOException | RuntimeException e) {
      // dnsjava reports malformed answers as IOExceptions (WireParseException) and a few
      // resolver problems as runtime exceptions: both mean the service did not answer properly
      throw new ProbeFailedException(Failures.describe(e));
    }
    judge(response);
  }

  /** Whether {@code response} answers the question as expected. */
  void judge(Message response) throws ProbeFailedException {
    int rcode = response.getRcode();
    if (rcode != Rcode.NOERROR) {
      throw new ProbeFailedException("DNS " + Rcode.string(rcode));
    }
    List<Record> answers =
        response.getSection(Section.ANSWER).stream().filter(r -> r.getType() == type).toList();
    if (answers.isEmpty()) {
      throw new ProbeFailedException("no " + Type.string(type) + " record in the answer");
    }
    if (expect != null
        && answers.stream().noneMatch(r -> normalize(r.rdataToString()).equals(expect))) {
      throw new ProbeFailedException("no answer equals the expected value");
    }
  }

  /** Compares names without the root dot and case, and TXT data without its quotes. */
  static String normalize(String value) {
    String v = value.trim();
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      v = v.substring(1, v.length() - 1);
    }
    if (v.endsWith(".")) {
      v = v.substring(0, v.length() - 1);
    }
    return v.toLowerCase(Locale.ROOT);
  }
}
