package io.github.homelabha.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The deployment files of this module and what the other modules produce, as the tests read them.
 */
final class DeployFiles {
  static final ObjectMapper YAML = new YAMLMapper();
  static final ObjectMapper JSON = JsonMapper.builder().build();

  /** The port each exporter listens on by default, as its README and ha-exporters say. */
  static final Map<String, Integer> DEFAULT_PORTS =
      Map.of("keepalived", 9165, "sync", 9166, "adguard", 9617, "unifi", 9130);

  /** The image every manifest and the stack run, without its tag. */
  static final String IMAGE = "ha-exporters";

  private DeployFiles() {}

  static Path deployDir() {
    return Path.of(System.getProperty("deploy.dir", ".")).toAbsolutePath().normalize();
  }

  static Path kubernetesDir() {
    return deployDir().resolve("kubernetes");
  }

  static Path repositoryRoot() {
    return deployDir().getParent();
  }

  /** The project's version: the tag of the image. */
  static String projectVersion() {
    try {
      String pom = Files.readString(repositoryRoot().resolve("pom.xml"));
      int parentEnd = pom.indexOf("<artifactId>homelab-ha-exporters</artifactId>");
      int start = pom.indexOf("<version>", parentEnd) + "<version>".length();
      return pom.substring(start, pom.indexOf("</version>", start)).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every YAML document of a file, in order (empty documents left out). */
  static List<JsonNode> yamlDocuments(Path file) {
    try (var parser = new YAMLFactory().createParser(file.toFile())) {
      List<JsonNode> documents = new ArrayList<>();
      YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
      documents.removeIf(d -> d == null || d.isMissingNode() || d.isNull());
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
  }

  static JsonNode yaml(Path file) {
    List<JsonNode> documents = yamlDocuments(file);
    if (documents.size() != 1) {
      throw new IllegalStateException(file + " holds " + documents.size() + " documents, not 1");
    }
    return documents.get(0);
  }

  /** A text resource of the test class path (e.g. the dashboards module's build output). */
  static String classpathText(String name) {
    try (var in = DeployFiles.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the class path");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The names of the files in a class path directory, from a directory or a jar. */
  static List<String> classpathDirectory(String directory) {
    URL url = DeployFiles.class.getClassLoader().getResource(directory);
    if (url == null) {
      throw new IllegalStateException(directory + " is not on the class path");
    }
    try {
      if (url.getProtocol().equals("jar")) {
        try (FileSystem jar = FileSystems.newFileSystem(url.toURI(), Map.of())) {
          return list(jar.getPath(directory));
        }
      }
      return list(Path.of(url.toURI()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
