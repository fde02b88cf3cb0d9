package io.github.homelabha.sync.pair;

import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.sync.role.Role;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One replicated directory as this node sees it: a name shared by both sides (the {@code pair}
 * label), this node's role and the local path.
 */
public final class PairConfig {
  public String name = "";
  public String role = "auto";
  public String path = "";

  /** Parses the {@code --sync.pair=NAME:ROLE:PATH} flag value into the YAML shape. */
  public static Map<String, Object> parseFlag(String value) {
    String[] parts = value.split(":", 3);
    if (parts.length != 3 || parts[0].isEmpty() || parts[2].isEmpty()) {
      throw new IllegalArgumentException(
          "--sync.pair wants NAME:ROLE:PATH (e.g. prometheus:replica:/var/lib/prometheus), got '"
              + value
              + "'");
    }
    Role.parse(parts[1]);
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", parts[0]);
    map.put("role", parts[1]);
    map.put("path", parts[2]);
    return map;
  }

  public Role parsedRole() {
    return Role.parse(role);
  }

  void validate(String at, ConfigProblems problems) {
    problems.require(
        name != null && name.matches("[A-Za-z0-9_.-]{1,64}"),
        at + ".name",
        "must be 1-64 letters, digits, _ . - (it becomes the pair label and a target name)");
    try {
      Role.parse(role);
    } catch (IllegalArgumentException e) {
      problems.add(at + ".role", e.getMessage());
    }
    problems.require(
        path != null && path.startsWith("/"), at + ".path", "must be an absolute path");
  }
}
