package io.github.homelabha.core.testkit;

import java.util.List;
import java.util.Map;

/** A finished HTTP exchange as tests see it. Header names are lower case. */
public record HttpResult(int status, Map<String, List<String>> headers, String body) {

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> v = headers.get(name.toLowerCase());
    return v == null || v.isEmpty() ? null : v.get(0);
  }
}
