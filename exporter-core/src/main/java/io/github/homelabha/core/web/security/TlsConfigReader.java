package io.github.homelabha.core.web.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.homelabha.core.api.ConfigProblems;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Reads a web config's {@code tls_server_config} section: certificate, key and client CAs (inline
 * or from files beside the web config), client authentication, versions, cipher suites and curves,
 * with exporter-toolkit's names and checks.
 */
final class TlsConfigReader {
  static final String PATH = "tls_server_config";

  static final Set<String> KEYS =
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

  private final YamlTree tree;
  private final ConfigProblems problems;
  private final List<String> notices;
  private final Path directory;

  TlsConfigReader(YamlTree tree, List<String> notices, Path directory) {
    this.tree = tree;
    this.problems = tree.problems();
    this.notices = notices;
    this.directory = directory;
  }

  /** The TLS settings; null when the section is absent, enables nothing, or has problems. */
  TlsSettings read(JsonNode node) {
    if (node == null) {
      return null;
    }
    tree.rejectUnknownKeys(node, PATH, KEYS);
    PemSource cert = pemSource(node, "cert");
    PemSource key = pemSource(node, "key");
    PemSource clientCa = pemSource(node, "client_ca");
    String clientAuthName = tree.text(node, "client_auth_type", PATH);
    List<String> sans = tree.strings(node, "client_allowed_sans", PATH);
    TlsVersion min = version(node, "min_version", TlsVersion.TLS12);
    TlsVersion max = version(node, "max_version", TlsVersion.TLS13);
    List<String> ciphers = cipherSuites(node);
    curves(node);
    boolean preferServerOrder = tree.bool(node, "prefer_server_cipher_suites", PATH, true);
    ClientAuthType clientAuth = clientAuth(clientAuthName);
    checkVersions(min, max);

    if (!cert.isSet() && !key.isSet() && !clientCa.isSet() && clientAuthName == null) {
      if (node.size() > 0) {
        notices.add(
            PATH + " sets no certificate, key or client auth: the server speaks plain HTTP");
      }
      return null;
    }
    List<X509Certificate> chain = load(cert, true, PemReader::certificates);
    PrivateKey privateKey = load(key, true, PemReader::privateKey);
    requireMatchingKey(privateKey, key, chain, cert);
    List<X509Certificate> clientCas = load(clientCa, false, PemReader::certificates);
    checkClientAuth(clientAuth, clientCa.isSet());
    ClientSanPolicy sanPolicy = sanPolicy(sans, clientAuth);
    if (chain == null || privateKey == null || clientAuth == null || min == null || max == null) {
      return null;
    }
    return new TlsSettings(
        privateKey,
        chain,
        clientAuth,
        clientCas == null ? List.of() : clientCas,
        sanPolicy,
        min,
        max,
        ciphers,
        preferServerOrder);
  }

  /** A PEM value given inline under {@code key} or as a file under {@code key_file}. */
  private record PemSource(String key, String inline, String file) {
    boolean isSet() {
      return inline != null || file != null;
    }

    String fileKey() {
      return key + "_file";
    }
  }

  private PemSource pemSource(JsonNode node, String key) {
    return new PemSource(key, tree.text(node, key, PATH), tree.text(node, key + "_file", PATH));
  }

  private ClientAuthType clientAuth(String name) {
    if (name == null) {
      return ClientAuthType.NO_CLIENT_CERT;
    }
    ClientAuthType type = ClientAuthType.fromConfigName(name).orElse(null);
    if (type == null) {
      problems.add(
          PATH + ".client_auth_type",
          "unknown value \"" + name + "\" (one of " + ClientAuthType.allowedNames() + ")");
    }
    return type;
  }

  private void checkVersions(TlsVersion min, TlsVersion max) {
    if (min != null && max != null && min.compareTo(max) > 0) {
      problems.add(
          PATH + ".min_version",
          min.configName() + " is above max_version " + max.configName() + "; no version is left");
    }
    if (min != null && min.compareTo(TlsVersion.TLS12) < 0) {
      notices.add(
          PATH
              + ".min_version "
              + min.configName()
              + ": TLS 1.0 and 1.1 stay disabled unless the JVM's jdk.tls.disabledAlgorithms"
              + " security property allows them");
    }
  }

  private void requireMatchingKey(
      PrivateKey key, PemSource keySource, List<X509Certificate> chain, PemSource certSource) {
    if (chain == null || key == null) {
      return;
    }
    try {
      PemReader.requireMatch(key, chain.get(0));
    } catch (PemException e) {
      boolean keyInFile = keySource.file() != null;
      String where = keyInFile ? " in " + resolve(keySource.file()) : "";
      String certWhere = certSource.file() != null ? " in " + resolve(certSource.file()) : "";
      problems.add(
          PATH + "." + (keyInFile ? keySource.fileKey() : keySource.key()),
          "the key" + where + " does not belong to the certificate" + certWhere);
    }
  }

  private void checkClientAuth(ClientAuthType clientAuth, boolean hasClientCas) {
    if (clientAuth == ClientAuthType.NO_CLIENT_CERT && hasClientCas) {
      problems.add(
          PATH + ".client_auth_type",
          "client CAs are configured but no client certificate is asked for (NoClientCert);"
              + " set RequireAndVerifyClientCert");
    }
    if (clientAuth != null && clientAuth.verifies() && !hasClientCas) {
      notices.add(
          PATH
              + ".client_auth_type "
              + clientAuth.configName()
              + " without client_ca_file: client certificates are checked against the JVM's"
              + " default trust store");
    }
  }

  private ClientSanPolicy sanPolicy(List<String> sans, ClientAuthType clientAuth) {
    if (sans == null) {
      return null;
    }
    if (sans.isEmpty()) {
      problems.add(PATH + ".client_allowed_sans", "is empty; list at least one SAN or drop it");
    } else if (clientAuth != null && !clientAuth.requiresCertificate()) {
      problems.add(
          PATH + ".client_allowed_sans",
          "needs client_auth_type RequireAnyClientCert or RequireAndVerifyClientCert, so that"
              + " every client sends a certificate");
    }
    return new ClientSanPolicy(sans);
  }

  private interface PemDecoder<T> {
    T decode(String pem) throws PemException;
  }

  /**
   * The decoded value of {@code source}; exactly one of its two keys must be set when {@code
   * required}. Null when absent or broken (the problem is recorded).
   */
  private <T> T load(PemSource source, boolean required, PemDecoder<T> decoder) {
    if (source.inline() != null && source.file() != null) {
      problems.add(
          PATH + "." + source.key(),
          "set only one of " + source.key() + " and " + source.fileKey());
      return null;
    }
    if (!source.isSet()) {
      if (required) {
        problems.add(PATH, "missing one of " + source.key() + " or " + source.fileKey());
      }
      return null;
    }
    if (source.inline() != null) {
      try {
        return decoder.decode(source.inline());
      } catch (PemException e) {
        problems.add(PATH + "." + source.key(), e.getMessage());
        return null;
      }
    }
    return loadFile(source, decoder);
  }

  private <T> T loadFile(PemSource source, PemDecoder<T> decoder) {
    String keyPath = PATH + "." + source.fileKey();
    Path resolved;
    try {
      resolved = resolve(source.file());
    } catch (InvalidPathException e) {
      // e.g. a NUL byte, or a character the file system's encoding (LANG=C) cannot express
      problems.add(keyPath, "not a usable file name");
      return null;
    }
    String content = tree.readFile(resolved, keyPath, StandardCharsets.ISO_8859_1);
    if (content == null) {
      return null;
    }
    try {
      return decoder.decode(content);
    } catch (PemException e) {
      problems.add(keyPath, resolved + ": " + e.getMessage());
      return null;
    }
  }

  private TlsVersion version(JsonNode node, String key, TlsVersion fallback) {
    String name = tree.text(node, key, PATH);
    if (name == null) {
      return fallback;
    }
    TlsVersion version = TlsVersion.fromConfigName(name).orElse(null);
    if (version == null) {
      problems.add(
          PATH + "." + key,
          "unknown value \"" + name + "\" (one of " + TlsVersion.allowedNames() + ")");
    }
    return version;
  }

  private List<String> cipherSuites(JsonNode node) {
    List<String> names = tree.strings(node, "cipher_suites", PATH);
    if (names == null) {
      return List.of();
    }
    Set<String> jvmSuites = jvmCipherSuites();
    List<String> valid = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String at = PATH + ".cipher_suites[" + i + "]";
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

  private void curves(JsonNode node) {
    List<String> names = tree.strings(node, "curve_preferences", PATH);
    if (names == null) {
      return;
    }
    List<String> jsseNames = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String jsse = GoTlsNames.CURVES.get(names.get(i));
      if (jsse == null) {
        problems.add(
            PATH + ".curve_preferences[" + i + "]",
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
          PATH
              + ".curve_preferences is checked but not applied: Java 17 cannot choose key exchange"
              + " groups per server; to restrict them JVM-wide start Java with"
              + " -Djdk.tls.namedGroups="
              + String.join(",", jsseNames));
    }
  }

  private Path resolve(String name) {
    return directory.resolve(name).normalize();
  }
}
