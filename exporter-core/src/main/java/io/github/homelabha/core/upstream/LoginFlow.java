package io.github.homelabha.core.upstream;

import java.util.Optional;

/**
 * What a login-based API looks like to {@link LoginSession}: how to log in and out, and how an
 * answer says that the session has ended. Requests are relative to the upstream's {@code url} like
 * any other.
 */
public interface LoginFlow {

  /** The login request (credentials in its body); built anew for every login. */
  UpstreamRequest login();

  /**
   * Checks a successful (2xx) login answer. Throw {@link UpstreamException} with {@link
   * UpstreamReason#AUTH} if its body says the login failed after all; the session then backs off.
   */
  default void checkLogin(UpstreamResponse answer) throws UpstreamException {}

  /** The logout request sent at shutdown, if the API has one. */
  default Optional<UpstreamRequest> logout() {
    return Optional.empty();
  }

  /**
   * Whether an answer means "log in again". The default is status 401; an API that answers 200 with
   * an error body (UniFi's {@code api.err.LoginRequired}) checks that here too.
   */
  default boolean sessionExpired(UpstreamResponse answer) {
    return answer.status() == 401;
  }

  /** The API's CSRF token header, if it has one. */
  default Optional<CsrfHeader> csrf() {
    return Optional.empty();
  }
}
