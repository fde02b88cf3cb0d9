package io.github.homelabha.adguard.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.homelabha.core.upstream.LoginFlow;
import io.github.homelabha.core.upstream.UpstreamRequest;
import java.util.Optional;

/**
 * AdGuard Home's login: {@code POST /control/login {"name","password"}} sets the {@code
 * agh_session} cookie; a wrong password answers 403 and a locked-out client 429 with {@code
 * Retry-After}, both of which make the core's session back off instead of trying again.
 */
public final class AdGuardLogin implements LoginFlow {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String username;
  private final io.github.homelabha.core.api.Secret password;

  public AdGuardLogin(String username, io.github.homelabha.core.api.Secret password) {
    this.username = username;
    this.password = password;
  }

  @Override
  public UpstreamRequest login() {
    ObjectNode body = JSON.createObjectNode();
    body.put("name", username);
    body.put("password", password.value());
    return UpstreamRequest.postJson("control/login", body.toString());
  }

  @Override
  public Optional<UpstreamRequest> logout() {
    // answers 302 to the login page; the redirect itself is not wanted
    return Optional.of(
        UpstreamRequest.get("control/logout").withoutRedirects().acceptingStatus(302));
  }
}
