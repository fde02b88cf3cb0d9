package io.github.homelabha.core.web;

import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import io.github.homelabha.core.web.security.BasicAuthVerifier.Verdict;
import io.github.homelabha.core.web.security.RequestRateLimiter;
import io.github.homelabha.core.web.security.TlsConnectors;
import io.github.homelabha.core.web.security.WebConfig;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UnauthorizedResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns {@code --web.config.file} into the server's {@link WebSecurity}. */
public final class WebSecurityLoader {
  private static final Logger log = LoggerFactory.getLogger(WebSecurityLoader.class);

  private WebSecurityLoader() {}

  public static WebSecurity load(Path webConfigFile) throws InvalidConfigException {
    if (webConfigFile == null) {
      return WebSecurity.none();
    }
    WebConfig web = WebConfig.load(webConfigFile);
    web.notices().forEach(n -> log.warn("web config: {}", n));
    return new FromWebConfig(web);
  }

  /**
   * Headers, client certificate, basic auth, then the rate limit. Unlike the exporter-toolkit, the
   * rate limit comes after authentication and failed logins have a bucket of their own: anonymous
   * requests cannot use up the tokens of a valid scrape. Failed logins cost no more than the
   * verifier's bound on uncached checks.
   */
  private record FromWebConfig(WebConfig web) implements WebSecurity {
    @Override
    public ServerConnector connector(Server server, HttpConfiguration http, ListenAddress a) {
      return web.tls()
          .map(ssl -> TlsConnectors.httpsConnector(server, http, ssl, a.host(), a.port()))
          .orElse(null);
    }

    @Override
    public void check(Context ctx) {
      web.responseHeaders().forEach(ctx::header);
      if (!web.clientCertificateAllowed(
          ctx.req().getAttribute("jakarta.servlet.request.X509Certificate"))) {
        throw new ForbiddenResponse();
      }
      if (web.basicAuth().required()) {
        Verdict verdict =
            web.basicAuth().verify(ctx.header("Authorization"), ctx.req().getRemoteAddr());
        if (verdict == Verdict.THROTTLED
            || (verdict == Verdict.REJECTED && limited(web.failedAuthRateLimiter()))) {
          throw tooManyRequests();
        }
        if (verdict == Verdict.REJECTED) {
          ctx.header("WWW-Authenticate", "Basic realm=\"exporter\"");
          throw new UnauthorizedResponse();
        }
      }
      if (limited(web.rateLimiter())) {
        throw tooManyRequests();
      }
    }

    private static boolean limited(Optional<RequestRateLimiter> limiter) {
      return limiter.map(l -> !l.tryAcquire()).orElse(false);
    }

    private static HttpResponseException tooManyRequests() {
      return new HttpResponseException(429, "Too Many Requests");
    }
  }
}
