package io.github.homelabha.core.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The result of {@link ExpositionParser}: metric families in exposition order, with lookups that
 * keep test assertions short.
 *
 * <p>Sample lookups take the sample name as exposed ({@code foo_total}, {@code foo_bucket}) and
 * optional label pairs {@code "k1", "v1", "k2", "v2"} that a sample's labels must contain (a subset
 * match, so {@code value("x_up")} finds {@code x_up{target="a"}} when it is the only one).
 */
public final class ParsedMetrics {

  /**
   * One metric family. {@code type} is spelled as in the exposition ({@code untyped} for text
   * families without TYPE, {@code unknown} in OpenMetrics); {@code help} and {@code unit} are null
   * when the exposition gives none.
   */
  public record Family(String name, String type, String help, String unit, List<Sample> samples) {
    public Family {
      samples = List.copyOf(samples);
    }
  }

  /**
   * One sample line; label order is kept as exposed. Timestamps and exemplars are validated only.
   */
  public record Sample(String name, Map<String, String> labels, double value) {
    public Sample {
      labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }
  }

  private final List<Family> families;
  private final Map<String, Family> familiesByName = new LinkedHashMap<>();
  private final Map<String, List<Sample>> samplesByName = new LinkedHashMap<>();

  ParsedMetrics(List<Family> families) {
    this.families = List.copyOf(families);
    for (Family family : this.families) {
      familiesByName.put(family.name(), family);
      for (Sample sample : family.samples()) {
        samplesByName.computeIfAbsent(sample.name(), n -> new ArrayList<>()).add(sample);
      }
    }
  }

  public List<Family> families() {
    return families;
  }

  public Optional<Family> family(String name) {
    return Optional.ofNullable(familiesByName.get(name));
  }

  /**
   * Samples named {@code sampleName} whose labels contain the given pairs (all when none given).
   */
  public List<Sample> samples(String sampleName, String... labelPairs) {
    Map<String, String> wanted = pairs(labelPairs);
    List<Sample> matching = new ArrayList<>();
    for (Sample sample : samplesByName.getOrDefault(sampleName, List.of())) {
      if (sample.labels().entrySet().containsAll(wanted.entrySet())) {
        matching.add(sample);
      }
    }
    return matching;
  }

  /**
   * The value of the one sample that matches, empty when none does.
   *
   * @throws AssertionError when several samples match: the test must name more labels
   */
  public OptionalDouble value(String sampleName, String... labelPairs) {
    List<Sample> matching = samples(sampleName, labelPairs);
    if (matching.isEmpty()) {
      return OptionalDouble.empty();
    }
    if (matching.size() > 1) {
      throw new AssertionError(
          "ambiguous: "
              + matching.size()
              + " samples match "
              + describe(sampleName, labelPairs)
              + ": "
              + matching);
    }
    return OptionalDouble.of(matching.get(0).value());
  }

  /**
   * Like {@link #value} but fails the test when the sample is missing.
   *
   * @throws AssertionError when no sample or several samples match
   */
  public double valueOf(String sampleName, String... labelPairs) {
    OptionalDouble value = value(sampleName, labelPairs);
    if (value.isEmpty()) {
      throw new AssertionError(
          "no sample matches "
              + describe(sampleName, labelPairs)
              + "; samples with that name: "
              + samplesByName.getOrDefault(sampleName, List.of()));
    }
    return value.getAsDouble();
  }

  /** Whether at least one sample matches. */
  public boolean has(String sampleName, String... labelPairs) {
    return !samples(sampleName, labelPairs).isEmpty();
  }

  private static Map<String, String> pairs(String... labelPairs) {
    if (labelPairs.length % 2 != 0) {
      throw new IllegalArgumentException(
          "label pairs come as name, value, name, value...; got an odd count: "
              + List.of(labelPairs));
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    for (int i = 0; i < labelPairs.length; i += 2) {
      pairs.put(labelPairs[i], labelPairs[i + 1]);
    }
    return pairs;
  }

  private static String describe(String sampleName, String... labelPairs) {
    return sampleName + pairs(labelPairs);
  }

  @Override
  public String toString() {
    return "ParsedMetrics" + familiesByName.keySet();
  }
}
