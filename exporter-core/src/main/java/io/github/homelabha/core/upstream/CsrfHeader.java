package io.github.homelabha.core.upstream;

import java.util.List;

/**
 * A CSRF token that an API hands out in response headers and wants back in a request header, e.g.
 * UniFi OS: read {@code X-Updated-CSRF-Token}, else {@code X-CSRF-Token}; send {@code
 * X-CSRF-Token}. The token is taken from the login answer and refreshed from every answer.
 *
 * @param sendAs the request header that carries the token
 * @param readFrom response headers to take it from, the first present wins
 */
public record CsrfHeader(String sendAs, List<String> readFrom) {
  public CsrfHeader {
    readFrom = List.copyOf(readFrom);
  }
}
