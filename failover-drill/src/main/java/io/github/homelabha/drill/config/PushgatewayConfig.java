package io.github.homelabha.drill.config;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.Validatable;
import okhttp3.HttpUrl;

/** {@code pushgateway: {url}}: where the drill's result is pushed. */
public final class PushgatewayConfig implements Validatable {
  public String url;

  @Override
  public void validate(ConfigProblems problems) {
    if (url == null || HttpUrl.parse(url) == null) {
      problems.add("url", "required: the Pushgateway's http or https URL");
    } else if (!HttpUrl.get(url).username().isEmpty() || !HttpUrl.get(url).password().isEmpty()) {
      problems.add("url", "must not contain a user name or password");
    }
  }
}
