package io.github.homelabha.core.scrape;

import io.github.homelabha.core.api.MetricFamily;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The client_java {@link Labels} of one target's last exposition, reused for the series that come
 * again. {@code Labels.of} copies both arrays, checks every label name (with a fresh UTF-8 encoder
 * per name) and sorts them, once per series; a target's series are mostly the same scrape after
 * scrape (devices, ports), so on a large site this is a good part of the exposition's cost. Holds
 * only the series of the last exposition, so it never grows beyond one scrape's series.
 * Thread-safe: two expositions at once each build their own generation; the later one is kept.
 */
final class LabelsCache {
  private record Generation(String targetLabel, Map<Key, Labels> labels) {}

  private final AtomicReference<Generation> last =
      new AtomicReference<>(new Generation(null, Map.of()));

  /** Starts one exposition's lookups; its {@link Lookup#finish} makes it the last one. */
  Lookup begin(String targetLabel) {
    Generation previous = last.get();
    boolean reusable = Objects.equals(previous.targetLabel(), targetLabel);
    return new Lookup(targetLabel, reusable ? previous.labels() : Map.of());
  }

  /** The lookups of one exposition. Not thread-safe: one per exposition. */
  final class Lookup {
    private final String targetLabel;
    private final Map<Key, Labels> previous;
    private final Map<Key, Labels> next;

    private Lookup(String targetLabel, Map<Key, Labels> previous) {
      this.targetLabel = targetLabel;
      this.previous = previous;
      this.next = new HashMap<>(Math.max(16, previous.size() * 4 / 3 + 1));
    }

    /** The labels of one series: from the last exposition if it had them, else made. */
    Labels labels(MetricFamily family, String[] values, LabelsMaker maker) {
      Key key = new Key(family, values);
      Labels labels = previous.get(key);
      if (labels == null) {
        labels = maker.of(values);
      }
      next.put(key, labels);
      return labels;
    }

    void finish() {
      last.set(new Generation(targetLabel, next));
    }
  }

  /** Builds labels from a family's names (the target's included) and a series' values. */
  interface LabelsMaker {
    Labels of(String[] values);
  }

  /** A series' identity: the family (same names) and its label values. */
  private static final class Key {
    private final MetricFamily family;
    private final String[] values;
    private final int hash;

    Key(MetricFamily family, String[] values) {
      this.family = family;
      this.values = values;
      this.hash = 31 * family.name().hashCode() + Arrays.hashCode(values);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && hash == k.hash
          && (k.family == family || k.family.equals(family))
          && Arrays.equals(k.values, values);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
