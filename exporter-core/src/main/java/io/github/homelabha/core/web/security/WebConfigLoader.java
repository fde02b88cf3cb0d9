package io.github.homelabha.core.web.security;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a web config file into a {@link WebConfig}, collecting every problem with its key path
 * before giving up. The YAML is walked as a tree rather than bound to classes, so one bad value
 * does not hide the next one.
 */
final class WebConfigLoader {
  private static final Set<String> TOP_KEYS =
      Set.of("tls_server_config", "http_server_config", "basic_auth_users", "rate_limit");
  private static final Set<String> HTTP_KEYS = Set.of("http2", "headers");
  private static final Set<String> RATE_LIMIT_KEYS = Set.of("interval", "burst");

  /** The headers the file may set, with their allowed values (empty: any value). */
  private static final Map<String, List<String>> HEADERS =
      Map.of(
          "Strict-Transport-Security", List.of(),
          "X-Content-Type-Options", List.of("nosniff"),
          "X-Frame-Options", List.of("deny", "sameorigin"),
          "X-XSS-Protection", List.of(),
          "Content-Security-Policy", List.of());

  private final Path file;
  private final ConfigProblems problems = new ConfigProblems();
  private final YamlTree tree = new YamlTree(problems);
  private final List<String> notices = new ArrayList<>();
  private final TlsConfigReader tls;

  WebConfigLoader(Path file) {
    this.file = file.toAbsolutePath().normalize();
    this.tls = new TlsConfigReader(tree, notices, this.file.getParent());
  }

  WebConfig load() throws InvalidConfigException {
    JsonNode root = readYaml();
    problems.throwIfAny();
    if (root == null || root.isMissingNode() || root.isNull()) {
      // an empty file is valid and enables nothing, as in Go
      return new WebConfig(null, BasicAuthVerifier.of(Map.of()), Map.of(), null, true, notices);
    }
    if (!root.isObject()) {
      problems.add("", "the web config file must be a YAML mapping");
      problems.throwIfAny();
    }
    tree.rejectUnknownKeys(root, "", TOP_KEYS);
    TlsSettings tlsSettings = tls.read(section(root, TlsConfigReader.PATH));
    JsonNode http = section(root, "http_server_config");
    boolean http2 = http == null || tree.bool(http, "http2", "http_server_config", true);
    Map<String, String> headers = headers(http);
    RequestRateLimiter rateLimiter = rateLimit(section(root, "rate_limit"));
    Map<String, String> users = users(root.get("basic_auth_users"));
    problems.throwIfAny();
    return new WebConfig(
        tlsSettings,
        BasicAuthVerifier.of(users),
        headers,
        rateLimiter,
        http2,
        List.copyOf(notices));
  }

  private JsonNode readYaml() {
    String text = tree.readFile(file, file.toString(), StandardCharsets.UTF_8);
    if (text == null) {
      return null;
    }
    YAMLMapper mapper = new YAMLMapper();
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    try {
      return mapper.readTree(text);
    } catch (JsonProcessingException e) {
      // Only the position: the parser's message may quote the line, which can hold a key or hash.
      JsonLocation where = e.getLocation();
      String duplicate =
          e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
              ? "duplicate key"
              : "not valid YAML";
      problems.add(
          file.toString(),
          where == null
              ? duplicate
              : duplicate + " at line " + where.getLineNr() + ", column " + where.getColumnNr());
      return null;
    }
  }

  // ---- http_server_config ----

  private Map<String, String> headers(JsonNode http) {
    if (http == null) {
      return Map.of();
    }
    tree.rejectUnknownKeys(http, "http_server_config", HTTP_KEYS);
    JsonNode node = tree.section(http, "headers", "http_server_config.headers");
    if (node == null) {
      return Map.of();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String at = "http_server_config.headers." + e.getKey();
      List<String> allowed = HEADERS.get(e.getKey());
      if (allowed == null) {
        problems.add(
            at,
            "this header cannot be configured (one of "
                + String.join(", ", new TreeSet<>(HEADERS.keySet()))
                + ")");
        continue;
      }
      String value = tree.scalar(e.getValue(), at);
      if (value == null || value.isEmpty()) {
        continue; // blank means: do not set the header
      }
      if (!allowed.isEmpty() && !allowed.contains(value)) {
        problems.add(
            at, "unknown value \"" + value + "\" (one of " + String.join(", ", allowed) + ")");
        continue;
      }
      headers.put(e.getKey(), value);
    }
    return headers;
  }

  // ---- rate_limit ----

  private RequestRateLimiter rateLimit(JsonNode node) {
    if (node == null) {
      return null;
    }
    String path = "rate_limit";
    tree.rejectUnknownKeys(node, path, RATE_LIMIT_KEYS);
    String intervalText = tree.text(node, "interval", path);
    Duration interval = Duration.ZERO;
    if (intervalText != null) {
      interval = GoDuration.parse(intervalText);
      if (interval == null) {
        problems.add(
            path + ".interval",
            "\"" + intervalText + "\" is not a duration (e.g. 500ms, 1s, 1m30s)");
        return null;
      }
    }
    JsonNode burstNode = node.get("burst");
    int burst = 0;
    if (burstNode != null && !burstNode.isNull()) {
      if (!burstNode.canConvertToInt()
          || !burstNode.isIntegralNumber()
          || burstNode.intValue() < 0) {
        problems.add(path + ".burst", "must be a whole number, 0 or more");
        return null;
      }
      burst = burstNode.intValue();
    }
    if (interval.isZero()) {
      return null; // Go: an interval of 0 turns the limiter off
    }
    if (burst < 1) {
      problems.add(
          path + ".burst", "must be at least 1 when interval is set; 0 refuses every request");
      return null;
    }
    return new RequestRateLimiter(interval, burst);
  }

  // ---- basic_auth_users ----

  private Map<String, String> users(JsonNode node) {
    String path = "basic_auth_users";
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      problems.add(path, "must be a mapping of user name to bcrypt hash");
      return Map.of();
    }
    Map<String, String> users = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String at = path + "." + e.getKey();
      if (e.getKey().contains(":")) {
        problems.add(at, "a user name cannot contain ':' (Basic auth splits on it)");
        continue;
      }
      JsonNode value = e.getValue();
      // the value is never quoted back: it is a password hash, or by mistake a clear password
      if (value == null || !value.isTextual() || !BasicAuthVerifier.isValidHash(value.asText())) {
        problems.add(
            at,
            "not a bcrypt hash ($2a$, $2b$ or $2y$, cost 4-31); create one with"
                + " htpasswd -nBC 10 \"\" | tr -d ':\\n'");
        continue;
      }
      users.put(e.getKey(), value.asText());
    }
    return users;
  }

  private JsonNode section(JsonNode parent, String key) {
    return tree.section(parent, key, key);
  }
}
