package io.github.homelabha.adguard.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.homelabha.adguard.model.AdGuardParseException;
import io.github.homelabha.adguard.model.Json;
import io.github.homelabha.adguard.model.QueryLogPage;
import io.github.homelabha.adguard.model.ServerStatus;
import io.github.homelabha.adguard.model.Stats;
import io.github.homelabha.adguard.model.Toggle;
import io.github.homelabha.core.api.ScrapeContext;
import io.github.homelabha.core.upstream.LoginSession;
import io.github.homelabha.core.upstream.UpstreamClient;
import io.github.homelabha.core.upstream.UpstreamException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Typed reads of one AdGuard Home's {@code /control/} API over the core's upstream client, in a
 * login session or with Basic auth on every request. Answers that do not parse fail as {@code
 * parse}. Only GET requests: nothing here changes AdGuard's state, and {@code
 * /control/version.json} (which makes AdGuard contact its update server) is never called.
 */
public final class AdGuardClient {
  private static final DateTimeFormatter RFC3339_NANO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnnXXX");

  private final UpstreamClient client;
  private final LoginSession session;

  /**
   * @param session null for Basic auth on every request
   */
  public AdGuardClient(UpstreamClient client, LoginSession session) {
    this.client = client;
    this.session = session;
  }

  public String url() {
    return client.url();
  }

  public ServerStatus status(ScrapeContext ctx) throws UpstreamException {
    byte[] body = get(ctx, "control/status");
    try {
      return ServerStatus.parse(body);
    } catch (AdGuardParseException e) {
      throw UpstreamException.parse(e.getMessage(), e);
    }
  }

  public Stats stats(ScrapeContext ctx) throws UpstreamException {
    byte[] body = get(ctx, "control/stats");
    try {
      return Stats.parse(body);
    } catch (AdGuardParseException e) {
      throw UpstreamException.parse(e.getMessage(), e);
    }
  }

  public Toggle toggle(ScrapeContext ctx, String path) throws UpstreamException {
    byte[] body = get(ctx, path);
    try {
      return Toggle.parse(body, "/" + path);
    } catch (AdGuardParseException e) {
      throw UpstreamException.parse(e.getMessage(), e);
    }
  }

  /** A JSON document (object or array) from {@code path}. */
  public JsonNode json(ScrapeContext ctx, String path) throws UpstreamException {
    byte[] body = get(ctx, path);
    try {
      return Json.parse(body, "/" + path);
    } catch (AdGuardParseException e) {
      throw UpstreamException.parse(e.getMessage(), e);
    }
  }

  /** A page of the query log, newest first; never with {@code search} (it scans the whole log). */
  public QueryLogPage queryLog(ScrapeContext ctx, Instant olderThan, int limit)
      throws UpstreamException {
    String path = "control/querylog?limit=" + limit;
    if (olderThan != null) {
      path +=
          "&older_than="
              + URLEncoder.encode(
                  RFC3339_NANO.format(olderThan.atOffset(ZoneOffset.UTC)), StandardCharsets.UTF_8);
    }
    byte[] body = get(ctx, path);
    try {
      return QueryLogPage.parse(body);
    } catch (AdGuardParseException e) {
      throw UpstreamException.parse(e.getMessage(), e);
    }
  }

  private byte[] get(ScrapeContext ctx, String path) throws UpstreamException {
    return (session == null ? client.get(ctx, path) : session.get(ctx, path)).body();
  }
}
