package io.github.homelabha.core.upstream;

import java.util.ArrayList;
import java.util.List;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;

/**
 * The cookies of one login session, in memory only. OkHttp keeps no cookies by default; a session
 * needs its login cookie back on every request, and only on requests to the host that set it.
 */
final class SessionCookieJar implements CookieJar {
  private final List<Cookie> cookies = new ArrayList<>();

  @Override
  public synchronized void saveFromResponse(HttpUrl url, List<Cookie> received) {
    for (Cookie c : received) {
      cookies.removeIf(
          old ->
              old.name().equals(c.name())
                  && old.domain().equals(c.domain())
                  && old.path().equals(c.path()));
      cookies.add(c);
    }
  }

  @Override
  public synchronized List<Cookie> loadForRequest(HttpUrl url) {
    long now = System.currentTimeMillis();
    cookies.removeIf(c -> c.expiresAt() <= now);
    List<Cookie> matching = new ArrayList<>();
    for (Cookie c : cookies) {
      if (c.matches(url)) {
        matching.add(c);
      }
    }
    return matching;
  }

  synchronized void clear() {
    cookies.clear();
  }

  synchronized boolean isEmpty() {
    return cookies.isEmpty();
  }
}
