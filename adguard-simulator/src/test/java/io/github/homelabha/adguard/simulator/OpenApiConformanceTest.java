package io.github.homelabha.adguard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every API answer the simulator gives is checked against AdGuard Home's published OpenAPI spec,
 * read in place: the JSON schema of the operation's 200 response (with a JSON-schema validator),
 * and, stricter than the schema, that no object carries a property the spec does not declare.
 */
class OpenApiConformanceTest {
  static final Path SPEC = locateSpec();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  static AdGuardSimulator sim;
  static SimulatorClient client;
  static JsonNode spec;
  static JsonSchemaFactory factory;

  static Path locateSpec() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("../shared/specs/adguard-home-openapi.yaml").normalize();
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalStateException("../shared/specs/adguard-home-openapi.yaml not found");
  }

  @BeforeAll
  static void start() throws Exception {
    spec = YAML.readTree(SPEC.toFile());
    factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            b ->
                b.metaSchema(OpenApi31.getInstance())
                    .defaultMetaSchemaIri(OpenApi31.getInstance().getIri()));
    sim = AdGuardSimulator.start(SimulatorOptions.forTests().withSlowQueryRatio(0.2));
    client = new SimulatorClient(sim, "admin", "admin");
    sim.writeQueries(50);
    sim.startQueries(200);
    sim.setDrift(true);
    sim.setProtection(false, 60_000);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/status",
        "/dns_info",
        "/stats",
        "/querylog",
        "/querylog?limit=7",
        "/dhcp/status",
        "/filtering/status",
        "/safebrowsing/status",
        "/parental/status",
        "/safesearch/status",
        "/clients",
        "/rewrite/list",
        "/blocked_services/get"
      })
  void everyAnswerFollowsTheSpec(String route) throws Exception {
    HttpResponse<String> r = client.get("/control" + route);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = JSON.readTree(r.body());
    String path = route.contains("?") ? route.substring(0, route.indexOf('?')) : route;
    String pointer =
        "/paths/"
            + path.replace("~", "~0").replace("/", "~1")
            + "/get/responses/200/content/application~1json/schema";
    assertThat(spec.at(pointer).isMissingNode()).as("spec has %s", pointer).isFalse();

    JsonSchema schema = factory.getSchema(SchemaLocation.of(SPEC.toUri() + "#" + pointer));
    Set<ValidationMessage> problems = schema.validate(r.body(), InputFormat.JSON);
    assertThat(problems).as("%s against %s", route, pointer).isEmpty();

    List<String> undeclared = new ArrayList<>();
    undeclaredProperties(spec.at(pointer), body, route, undeclared);
    assertThat(undeclared).as("properties the spec does not declare").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/querylog?older_than=", "/querylog?limit=3&older_than="})
  void pagesOlderThanACursorFollowTheSpec(String route) throws Exception {
    String cursor = QueryLogJson.rfc3339Nano(Instant.now(), java.time.ZoneOffset.UTC);
    HttpResponse<String> r =
        client.get("/control" + route + java.net.URLEncoder.encode(cursor, "UTF-8"));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonSchema schema =
        factory.getSchema(SchemaLocation.of(SPEC.toUri() + "#/components/schemas/QueryLog"));
    assertThat(schema.validate(r.body(), InputFormat.JSON)).isEmpty();
    assertThat(JSON.readTree(r.body()).get("data")).isNotEmpty();
  }

  @org.junit.jupiter.api.Test
  void theCheckRejectsAnswersThatBreakTheSpec() throws Exception {
    String pointer = "/paths/~1status/get/responses/200/content/application~1json/schema";
    JsonSchema schema = factory.getSchema(SchemaLocation.of(SPEC.toUri() + "#" + pointer));
    String wrongType =
        "{\"dns_addresses\":[],\"dns_port\":\"53\",\"http_port\":80,\"protection_enabled\":true,"
            + "\"protection_disabled_duration\":0,\"running\":true,\"version\":\"v\",\"language\":\"en\"}";
    assertThat(schema.validate(wrongType, InputFormat.JSON)).isNotEmpty();
    List<String> undeclared = new ArrayList<>();
    undeclaredProperties(spec.at(pointer), JSON.readTree("{\"uptime\":1}"), "", undeclared);
    assertThat(undeclared).containsExactly(".uptime");
  }

  /** Walks schema and value together; every object property must be declared somewhere. */
  private void undeclaredProperties(
      JsonNode schema, JsonNode value, String where, List<String> out) {
    schema = resolve(schema);
    if (value.isObject()) {
      List<JsonNode> parts = flatten(schema);
      boolean open = false;
      for (JsonNode p : parts) {
        JsonNode ap = p.get("additionalProperties");
        if (ap != null && !(ap.isBoolean() && !ap.asBoolean())) {
          open = true;
        }
      }
      for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        JsonNode fieldSchema = null;
        for (JsonNode p : parts) {
          if (p.path("properties").has(field)) {
            fieldSchema = p.path("properties").get(field);
          }
        }
        if (fieldSchema == null) {
          if (!open) {
            out.add(where + "." + field);
          }
          continue;
        }
        undeclaredProperties(fieldSchema, value.get(field), where + "." + field, out);
      }
    } else if (value.isArray() && schema.has("items")) {
      int i = 0;
      for (JsonNode item : value) {
        undeclaredProperties(schema.get("items"), item, where + "[" + i++ + "]", out);
      }
    }
  }

  private List<JsonNode> flatten(JsonNode schema) {
    List<JsonNode> parts = new ArrayList<>();
    parts.add(schema);
    for (JsonNode sub : schema.path("allOf")) {
      parts.addAll(flatten(resolve(sub)));
    }
    return parts;
  }

  private JsonNode resolve(JsonNode schema) {
    while (schema.has("$ref")) {
      schema = spec.at(schema.get("$ref").asText().substring(1));
    }
    return schema;
  }
}
