package io.github.homelabha.drill.config;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Validatable;
import java.time.Duration;
import okhttp3.HttpUrl;

/** A service probed through the VIP; exactly one of {@code http}, {@code tcp}, {@code dns}. */
public final class ServiceConfig implements Validatable {
  public String name;
  public Duration maxInterruption;
  public Http http;
  public Tcp tcp;
  public Dns dns;

  @Override
  public void validate(ConfigProblems problems) {
    if (name == null || name.isBlank()) {
      problems.add("name", "required");
    }
    if (maxInterruption == null) {
      problems.add("max_interruption", "required (e.g. 5s)");
    } else if (maxInterruption.isNegative()) {
      problems.add("max_interruption", "must not be negative");
    }
    int kinds = (http == null ? 0 : 1) + (tcp == null ? 0 : 1) + (dns == null ? 0 : 1);
    if (kinds != 1) {
      problems.add("", "needs exactly one of http, tcp, dns (found " + kinds + ")");
    }
  }

  /** {@code http: {url, expect_status, expect_body}}. */
  public static final class Http implements Validatable {
    public String url;

    /** The status code to expect; any 2xx when not set. */
    public Integer expectStatus;

    /** A substring the body must contain. */
    public String expectBody;

    @Override
    public void validate(ConfigProblems problems) {
      if (url == null || HttpUrl.parse(url) == null) {
        problems.add("url", "required: an http or https URL");
      }
      if (expectStatus != null && (expectStatus < 100 || expectStatus > 599)) {
        problems.add("expect_status", "not an HTTP status code: " + expectStatus);
      }
    }
  }

  /** {@code tcp: {address}}: the connection must be accepted. */
  public static final class Tcp implements Validatable {
    public String address;

    @Override
    public void validate(ConfigProblems problems) {
      try {
        HostPort.parse(address, 0);
      } catch (IllegalArgumentException e) {
        problems.add("address", e.getMessage());
      }
    }
  }

  /** {@code dns: {server, query, type, expect}}. */
  public static final class Dns implements Validatable {
    /** {@code HOST:PORT}; port 53 when left out. */
    public String server;

    public String query;

    /** Record type, e.g. A, AAAA, CNAME, TXT. */
    public String type = "A";

    /** A value one answer record must have (e.g. an address); any answer when not set. */
    public String expect;

    @Override
    public void validate(ConfigProblems problems) {
      try {
        HostPort.parse(server, 53);
      } catch (IllegalArgumentException e) {
        problems.add("server", e.getMessage());
      }
      if (query == null || query.isBlank()) {
        problems.add("query", "required: the name to look up");
      } else if (!DnsNames.isValid(query)) {
        problems.add("query", "not a valid DNS name: " + query);
      }
      if (type == null || org.xbill.DNS.Type.value(type) < 0) {
        problems.add("type", "not a DNS record type: " + type);
      }
    }
  }
}
