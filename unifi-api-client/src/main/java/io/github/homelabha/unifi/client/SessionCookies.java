package io.github.homelabha.unifi.client;

import java.util.ArrayList;
import java.util.List;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;

/**
 * Keeps the session cookies ({@code unifises}, {@code TOKEN}, {@code UOS_TOKEN}) in memory. OkHttp
 * keeps no cookies without a jar; this one also lets the client drop the session on logout or 401.
 */
final class SessionCookies implements CookieJar {
  private static final int MAX_COOKIES = 32;
  private final List<Cookie> cookies = new ArrayList<>();

  @Override
  public synchronized void saveFromResponse(HttpUrl url, List<Cookie> received) {
    for (Cookie c : received) {
      cookies.removeIf(old -> old.name().equals(c.name()) && old.domain().equals(c.domain()));
      if (c.expiresAt() > System.currentTimeMillis() && cookies.size() < MAX_COOKIES) {
        cookies.add(c);
      }
    }
  }

  @Override
  public synchronized List<Cookie> loadForRequest(HttpUrl url) {
    long now = System.currentTimeMillis();
    cookies.removeIf(c -> c.expiresAt() <= now);
    return cookies.stream().filter(c -> c.matches(url)).toList();
  }

  synchronized boolean hasSession() {
    long now = System.currentTimeMillis();
    return cookies.stream()
        .anyMatch(
            c ->
                c.expiresAt() > now
                    && (c.name().equals("unifises")
                        || c.name().equals("TOKEN")
                        || c.name().equals("UOS_TOKEN")));
  }

  /** The classic controller's CSRF cookie, when it sets one. */
  synchronized String csrfCookie() {
    return cookies.stream()
        .filter(c -> c.name().equals("csrf_token"))
        .map(Cookie::value)
        .findFirst()
        .orElse(null);
  }

  synchronized void clear() {
    cookies.clear();
  }
}
