package io.github.homelabha.core.web.security;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.homelabha.core.api.ConfigProblems;
import io.github.homelabha.core.api.ConfigProblems.InvalidConfigException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SSLContext;

/**
 * Reads a web config file into a {@link WebConfig}, collecting every problem with its key path
 * before giving up. The YAML is walked as a tree rather than bound to classes, so one bad value
 * does not hide the next one.
 */
final class WebConfigLoader {
  private static final long MAX_FILE_BYTES = 1 << 20;

  private static final Set<String> TOP_KEYS =
      Set.of("tls_server_config", "http_server_config", "basic_auth_users", "rate_limit");
  private static final Set<String> TLS_KEYS =
      Set.of(
          "cert",
          "key",
          "client_ca",
          "cert_file",
          "key_file",
          "client_auth_type",
          "client_ca_file",
          "client_allowed_sans",
          "min_version",
          "max_version",
          "cipher_suites",
          "curve_preferences",
          "prefer_server_cipher_suites");
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
  private final Path directory;
  private final ConfigProblems problems = new ConfigProblems();
  private final List<String> notices = new ArrayList<>();

  WebConfigLoader(Path file) {
    this.file = file.toAbsolutePath().normalize();
    this.directory = this.file.getParent();
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
    rejectUnknownKeys(root, "", TOP_KEYS);
    TlsSettings tls = tls(section(root, "tls_server_config"));
    JsonNode http = section(root, "http_server_config");
    boolean http2 = http == null ? true : bool(http, "http2", "http_server_config", true);
    Map<String, String> headers = headers(http);
    RequestRateLimiter rateLimiter = rateLimit(section(root, "rate_limit"));
    Map<String, String> users = users(root.get("basic_auth_users"));
    problems.throwIfAny();
    return new WebConfig(
        tls, BasicAuthVerifier.of(users), headers, rateLimiter, http2, List.copyOf(notices));
  }

  private JsonNode readYaml() {
    String text = readFile(file, file.toString(), StandardCharsets.UTF_8);
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

  // ---- tls_server_config ----

  private TlsSettings tls(JsonNode node) {
    if (node == null) {
      return null;
    }
    String path = "tls_server_config";
    rejectUnknownKeys(node, path, TLS_KEYS);
    String certFile = text(node, "cert_file", path);
    String certInline = text(node, "cert", path);
    String keyFile = text(node, "key_file", path);
    String keyInline = text(node, "key", path);
    String caFile = text(node, "client_ca_file", path);
    String caInline = text(node, "client_ca", path);
    String clientAuthName = text(node, "client_auth_type", path);
    List<String> sans = strings(node, "client_allowed_sans", path);
    TlsVersion min = version(node, "min_version", path, TlsVersion.TLS12);
    TlsVersion max = version(node, "max_version", path, TlsVersion.TLS13);
    List<String> ciphers = cipherSuites(node, path);
    curves(node, path);
    boolean preferServerOrder = bool(node, "prefer_server_cipher_suites", path, true);

    ClientAuthType clientAuth = ClientAuthType.NO_CLIENT_CERT;
    if (clientAuthName != null) {
      clientAuth = ClientAuthType.fromConfigName(clientAuthName).orElse(null);
      if (clientAuth == null) {
        problems.add(
            path + ".client_auth_type",
            "unknown value \""
                + clientAuthName
                + "\" (one of "
                + ClientAuthType.allowedNames()
                + ")");
      }
    }
    if (min != null && max != null && min.compareTo(max) > 0) {
      problems.add(
          path + ".min_version",
          min.configName() + " is above max_version " + max.configName() + "; no version is left");
    }
    if (min != null && min.compareTo(TlsVersion.TLS12) < 0) {
      notices.add(
          path
              + ".min_version "
              + min.configName()
              + ": TLS 1.0 and 1.1 stay disabled unless the JVM's jdk.tls.disabledAlgorithms"
              + " security property allows them");
    }

    boolean enabled =
        certFile != null
            || certInline != null
            || keyFile != null
            || keyInline != null
            || caFile != null
            || caInline != null
            || clientAuthName != null;
    if (!enabled) {
      if (node.size() > 0) {
        notices.add(
            path + " sets no certificate, key or client auth: the server speaks plain HTTP");
      }
      return null;
    }

    List<X509Certificate> chain =
        oneOf(path, "cert", certInline, "cert_file", certFile, true, this::certificates);
    PrivateKey key = oneOf(path, "key", keyInline, "key_file", keyFile, true, this::privateKey);
    if (chain != null && key != null) {
      try {
        PemReader.requireMatch(key, chain.get(0));
      } catch (PemException e) {
        String keyPath = keyFile != null ? path + ".key_file" : path + ".key";
        String where = keyFile != null ? " in " + resolve(keyFile) : "";
        String certWhere = certFile != null ? " in " + resolve(certFile) : "";
        problems.add(
            keyPath, "the key" + where + " does not belong to the certificate" + certWhere);
      }
    }
    List<X509Certificate> clientCas =
        oneOf(path, "client_ca", caInline, "client_ca_file", caFile, false, this::certificates);
    boolean hasClientCas = caFile != null || caInline != null;
    if (clientAuth == ClientAuthType.NO_CLIENT_CERT && hasClientCas) {
      problems.add(
          path + ".client_auth_type",
          "client CAs are configured but no client certificate is asked for (NoClientCert);"
              + " set RequireAndVerifyClientCert");
    }
    if (clientAuth != null && clientAuth.verifies() && !hasClientCas) {
      notices.add(
          path
              + ".client_auth_type "
              + clientAuth.configName()
              + " without client_ca_file: client certificates are checked against the JVM's"
              + " default trust store");
    }
    ClientSanPolicy sanPolicy = null;
    if (sans != null) {
      if (sans.isEmpty()) {
        problems.add(path + ".client_allowed_sans", "is empty; list at least one SAN or drop it");
      } else if (clientAuth != null && !clientAuth.requiresCertificate()) {
        problems.add(
            path + ".client_allowed_sans",
            "needs client_auth_type RequireAnyClientCert or RequireAndVerifyClientCert, so that"
                + " every client sends a certificate");
      }
      sanPolicy = new ClientSanPolicy(sans);
    }
    if (chain == null || key == null || clientAuth == null || min == null || max == null) {
      return null;
    }
    return new TlsSettings(
        key,
        chain,
        clientAuth,
        clientCas == null ? List.of() : clientCas,
        sanPolicy,
        min,
        max,
        ciphers,
        preferServerOrder);
  }

  private interface PemDecoder<T> {
    T decode(String pem) throws PemException;
  }

  /**
   * The value of an inline key or of its {@code _file} sibling; exactly one of them must be set
   * when {@code required}. Null when absent or broken (the problem is recorded).
   */
  private <T> T oneOf(
      String path,
      String inlineKey,
      String inline,
      String fileKey,
      String fileName,
      boolean required,
      PemDecoder<T> decoder) {
    if (inline != null && fileName != null) {
      problems.add(path + "." + inlineKey, "set only one of " + inlineKey + " and " + fileKey);
      return null;
    }
    if (inline == null && fileName == null) {
      if (required) {
        problems.add(path, "missing one of " + inlineKey + " or " + fileKey);
      }
      return null;
    }
    if (inline != null) {
      try {
        return decoder.decode(inline);
      } catch (PemException e) {
        problems.add(path + "." + inlineKey, e.getMessage());
        return null;
      }
    }
    Path resolved;
    try {
      resolved = resolve(fileName);
    } catch (InvalidPathException e) {
      // e.g. a NUL byte, or a character the file system's encoding (LANG=C) cannot express
      problems.add(path + "." + fileKey, "not a usable file name");
      return null;
    }
    String content = readFile(resolved, path + "." + fileKey, StandardCharsets.ISO_8859_1);
    if (content == null) {
      return null;
    }
    try {
      return decoder.decode(content);
    } catch (PemException e) {
      problems.add(path + "." + fileKey, resolved + ": " + e.getMessage());
      return null;
    }
  }

  private List<X509Certificate> certificates(String pem) throws PemException {
    return PemReader.certificates(pem);
  }

  private PrivateKey privateKey(String pem) throws PemException {
    return PemReader.privateKey(pem);
  }

  private TlsVersion version(JsonNode node, String key, String path, TlsVersion fallback) {
    String name = text(node, key, path);
    if (name == null) {
      return fallback;
    }
    TlsVersion version = TlsVersion.fromConfigName(name).orElse(null);
    if (version == null) {
      problems.add(
          path + "." + key,
          "unknown value \"" + name + "\" (one of " + TlsVersion.allowedNames() + ")");
    }
    return version;
  }

  private List<String> cipherSuites(JsonNode node, String path) {
    List<String> names = strings(node, "cipher_suites", path);
    if (names == null) {
      return List.of();
    }
    Set<String> jvmSuites = jvmCipherSuites();
    List<String> valid = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String at = path + ".cipher_suites[" + i + "]";
      if (!GoTlsNames.isKnownSuite(name)) {
        problems.add(
            at,
            "unknown cipher suite \""
                + name
                + "\" (one of "
                + String.join(", ", GoTlsNames.TLS12_SUITES)
                + "; TLS 1.3 suites are always enabled)");
      } else if (!GoTlsNames.TLS13_SUITES.contains(name) && !jvmSuites.contains(name)) {
        problems.add(at, "cipher suite " + name + " is not supported by this JVM");
      } else {
        valid.add(name);
      }
    }
    return valid;
  }

  private static Set<String> jvmCipherSuites() {
    try {
      return Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no default TLS implementation", e);
    }
  }

  private void curves(JsonNode node, String path) {
    List<String> names = strings(node, "curve_preferences", path);
    if (names == null) {
      return;
    }
    List<String> jsseNames = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String jsse = GoTlsNames.CURVES.get(names.get(i));
      if (jsse == null) {
        problems.add(
            path + ".curve_preferences[" + i + "]",
            "unknown curve \""
                + names.get(i)
                + "\" (one of "
                + String.join(", ", GoTlsNames.CURVES.keySet())
                + ")");
      } else {
        jsseNames.add(jsse);
      }
    }
    if (!jsseNames.isEmpty()) {
      notices.add(
          path
              + ".curve_preferences is checked but not applied: Java 17 cannot choose key exchange"
              + " groups per server; to restrict them JVM-wide start Java with"
              + " -Djdk.tls.namedGroups="
              + String.join(",", jsseNames));
    }
  }

  // ---- http_server_config ----

  private Map<String, String> headers(JsonNode http) {
    if (http == null) {
      return Map.of();
    }
    rejectUnknownKeys(http, "http_server_config", HTTP_KEYS);
    JsonNode node = section(http, "headers", "http_server_config.headers");
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
      String value = scalar(e.getValue(), at);
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
    rejectUnknownKeys(node, path, RATE_LIMIT_KEYS);
    String intervalText = text(node, "interval", path);
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

  // ---- generic tree helpers ----

  private JsonNode section(JsonNode parent, String key) {
    return section(parent, key, key);
  }

  /** A nested mapping, or null when absent or empty ({@code key:} with no value). */
  private JsonNode section(JsonNode parent, String key, String path) {
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      problems.add(path, "must be a mapping");
      return null;
    }
    return node;
  }

  private void rejectUnknownKeys(JsonNode node, String path, Set<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        problems.add(
            path.isEmpty() ? key : path + "." + key,
            "unknown key (known: " + String.join(", ", new TreeSet<>(known)) + ")");
      }
    }
  }

  /** A scalar as text; null (with a problem) for a list or mapping; null for an empty value. */
  private String text(JsonNode parent, String key, String path) {
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      return null;
    }
    String value = scalar(node, path + "." + key);
    return value == null || value.isEmpty() ? null : value;
  }

  private String scalar(JsonNode node, String at) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isValueNode()) {
      problems.add(at, "must be a single value, not a list or mapping");
      return null;
    }
    return node.asText();
  }

  private List<String> strings(JsonNode parent, String key, String path) {
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      problems.add(path + "." + key, "must be a list");
      return null;
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String value = scalar(node.get(i), path + "." + key + "[" + i + "]");
      if (value != null) {
        values.add(value);
      }
    }
    return values;
  }

  private boolean bool(JsonNode parent, String key, String path, boolean fallback) {
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isBoolean()) {
      problems.add(path + "." + key, "must be true or false");
      return fallback;
    }
    return node.booleanValue();
  }

  private Path resolve(String name) {
    return directory.resolve(name).normalize();
  }

  /** The file's text, or null with a problem naming {@code keyPath} and the file. */
  private String readFile(Path path, String keyPath, Charset charset) {
    try {
      if (Files.isDirectory(path)) {
        problems.add(keyPath, path + " is a directory, not a file");
        return null;
      }
      if (Files.size(path) > MAX_FILE_BYTES) {
        problems.add(keyPath, path + " is larger than 1 MiB; not a PEM or YAML file?");
        return null;
      }
      // decoding never throws: a bad byte becomes a parse problem, not a crash
      return new String(Files.readAllBytes(path), charset);
    } catch (NoSuchFileException e) {
      problems.add(keyPath, "file not found: " + path);
    } catch (AccessDeniedException e) {
      problems.add(keyPath, "permission denied: " + path);
    } catch (IOException e) {
      problems.add(keyPath, "cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
    }
    return null;
  }
}
